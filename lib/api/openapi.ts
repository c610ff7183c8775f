import { z } from "zod";
import { registeredEndpoints, type EndpointSpec } from "./endpoint";
// Importing the endpoint modules registers every operation.
import "./endpoints/account";
import "./endpoints/agents";
import "./endpoints/inboxes";
import "./endpoints/contacts";
import "./endpoints/contact-notes";
import "./endpoints/people";
import "./endpoints/conversations";
import "./endpoints/search";
import "./endpoints/notifications";
import "./endpoints/webhooks";
import "./endpoints/openapi";
import "./endpoints/help-center-portals";
import "./endpoints/help-center-categories";
import "./endpoints/help-center-articles";
import "./endpoints/agent-bots";
import "./endpoints/platform";
import "./endpoints/dashboard-apps";
import "./endpoints/filters";
import "./endpoints/labels";
import "./endpoints/teams";
import "./endpoints/custom-attributes";
import "./endpoints/canned-responses";
import "./endpoints/custom-roles";
import "./endpoints/automation";
import "./endpoints/reports";
import "./endpoints/report-breakdowns";
import "./endpoints/csat";
import "./endpoints/csat-survey-public";
import "./endpoints/sla";

type JsonSchema = Record<string, unknown>;

// Request schemas describe what clients may SEND (io: "input": coercions and defaults are ours);
// response schemas what they receive (io: "output").
const toSchema = (schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

function parameters(endpoint: EndpointSpec): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (schema: z.ZodType | undefined, where: "path" | "query") => {
    if (!schema) return;
    const json = toSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: property });
    }
  };
  add(endpoint.params, "path");
  add(endpoint.query, "query");
  return out;
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/error" } } },
});

/** The OpenAPI 3.1 document for every registered endpoint, built from the schemas that validate requests. */
export function buildOpenApiDocument(baseUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const endpoint of registeredEndpoints()) {
    const operation: JsonSchema = {
      summary: endpoint.summary,
      tags: [endpoint.tag],
      parameters: parameters(endpoint),
      responses: {
        [String(endpoint.status ?? 200)]: {
          description: endpoint.responds,
          ...(endpoint.response ? { content: { "application/json": { schema: toSchema(endpoint.response, "output") } } } : {}),
        },
        ...(endpoint.auth === false ? {} : { "401": errorResponse("Missing or invalid api_access_token") }),
        "403": errorResponse("Not allowed for the caller's role"),
        "404": errorResponse("Not found, or not visible to the caller"),
        "422": errorResponse("Invalid parameters"),
      },
      ...(endpoint.auth === false ? { security: [] } : {}),
    };
    if (endpoint.body) {
      operation.requestBody = { required: true, content: { "application/json": { schema: toSchema(endpoint.body) } } };
    }
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Postdesk Application API",
      version: "1",
      description: "Chatwoot-compatible Application API. Authenticate with the api_access_token header (see your profile).",
    },
    servers: [{ url: baseUrl }],
    security: [{ userApiKey: [] }],
    components: {
      securitySchemes: { userApiKey: { type: "apiKey", in: "header", name: "api_access_token" } },
      schemas: {
        error: {
          type: "object",
          properties: { error: { type: "string" }, message: { type: "string" }, reference: { type: "string" } },
          required: ["error", "message"],
        },
      },
    },
    paths,
  };
}
