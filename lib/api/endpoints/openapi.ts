import { defineEndpoint } from "../endpoint";

export const openApiEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/openapi.json",
  summary: "This document",
  tag: "Meta",
  auth: false,
  responds: "OpenAPI 3.1 document",
});
