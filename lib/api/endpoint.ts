import { z } from "zod";

/**
 * One Application API operation: its HTTP contract as zod schemas. The route handler validates
 * requests with these schemas (lib/api/handler.ts) and the OpenAPI document is generated from the
 * very same objects (lib/api/openapi.ts), so the two cannot drift apart.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type EndpointSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> = {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. /api/v1/accounts/{account_id}/conversations */
  path: string;
  summary: string;
  tag: string;
  /** false only for public documents such as openapi.json. */
  auth?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Success status (200 unless said otherwise). */
  status?: number;
  /** What the success response contains, for the document. */
  responds: string;
  /** The success body's schema (lib/api/responses.ts); absent for empty bodies. */
  response?: z.ZodType;
};

const registry: EndpointSpec[] = [];

export function defineEndpoint<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(
  spec: EndpointSpec<P, Q, B>,
): EndpointSpec<P, Q, B> {
  registry.push(spec as unknown as EndpointSpec);
  return spec;
}

export function registeredEndpoints(): readonly EndpointSpec[] {
  return registry;
}

/** Path ids: positive integers. */
export const idParam = z.coerce.number().int().positive();
export const accountParams = z.object({ account_id: idParam });
