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
  /**
   * Who may call: a user's `api_access_token` (default); false only for public documents such as
   * openapi.json; "platform" for the Platform API (a platform app's token, lib/platform/).
   */
  auth?: boolean | "platform";
  /** An agent bot's token is accepted too (Chatwoot's bot-accessible endpoints); refused elsewhere. */
  allowBots?: boolean;
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

/**
 * A body Rails clients may send wrapped in the resource's name (`{agent_bot: {...}}`, as Rails'
 * wrap_parameters and Chatwoot's `params.require(:x)` expect) or flat: both are accepted.
 */
export function wrappedBody<S extends z.ZodType>(key: string, schema: S) {
  return z.preprocess((value) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return value;
    const inner = (value as Record<string, unknown>)[key];
    if (!inner || typeof inner !== "object" || Array.isArray(inner)) return value;
    const { [key]: _wrapper, ...rest } = value as Record<string, unknown>;
    return { ...rest, ...(inner as Record<string, unknown>) };
  }, schema);
}

/** A yes/no query parameter as clients write it: true/false, 1/0, yes/no, on/off. */
export const queryBoolean = z.stringbool();
