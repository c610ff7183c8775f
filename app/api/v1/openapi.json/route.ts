import { openApiEndpoint } from "@/lib/api/endpoints/openapi";
import { apiRoute } from "@/lib/api/handler";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { appUrl } from "@/lib/env";

export const GET = apiRoute(openApiEndpoint, async () => buildOpenApiDocument(appUrl()));
