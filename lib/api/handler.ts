import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { resolveApiAccessToken } from "@/lib/auth/api-token";
import { resolvePlatformAppToken } from "@/lib/platform/apps";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { rememberAccountAccess } from "@/lib/accounts/access";
import { newRequestScope, runInRequestScope, type RequestScope } from "@/lib/request-scope";
import type { EndpointSpec } from "./endpoint";
import { parseInput } from "./validation";

const log = createLogger("api");

/** What Next passes as the second argument of a route handler. */
export type RouteContext = { params: Promise<Record<string, string | string[]>> };

export type ApiCall<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  db: Db;
  actor: Actor;
  userId: number;
  /** The calling platform app (endpoints with auth "platform"); 0 otherwise. */
  platformAppId: number;
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  request: Request;
};

/**
 * The one wrapper every Application API route goes through: authenticates the
 * `api_access_token` header, validates path, query and body with the endpoint's zod schemas,
 * runs the handler (which calls one domain function and serialises its result), and maps errors
 * to JSON: AppError → its status; anything else → 500 with a reference id that is in the log.
 * The handler's return value becomes the JSON body; `undefined` means an empty 200.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  endpoint: EndpointSpec<P, Q, B>,
  handle: (call: ApiCall<P, Q, B>) => Promise<unknown>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return (request, context) => {
    // One scope per request: the access check runs once however many domain calls ask for it.
    const scope = newRequestScope();
    return runInRequestScope(scope, () => handleRequest(endpoint, handle, request, context, scope));
  };
}

async function handleRequest<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  endpoint: EndpointSpec<P, Q, B>,
  handle: (call: ApiCall<P, Q, B>) => Promise<unknown>,
  request: Request,
  context: RouteContext,
  scope: RequestScope,
): Promise<Response> {
  try {
    const db = getDb();
    let actor: Actor = { kind: "system", reason: "public endpoint" };
    let userId = 0;
    let platformAppId = 0;
    // A route without dynamic segments gets no params from Next (undefined, not {}).
    const rawParams: Record<string, string | string[]> = (await context?.params) ?? {};
    if (endpoint.auth === "platform") {
      const app = await resolvePlatformAppToken(db, request.headers.get("api_access_token"));
      if (!app) throw new AppError("unauthorized", "Invalid access_token");
      platformAppId = app.id;
      actor = { kind: "system", reason: `platform app ${app.id}` };
    } else if (endpoint.auth !== false) {
      // The token and the membership in the account the path names, in one statement.
      const accountId = accountIdOf(rawParams);
      const resolved = await resolveApiAccessToken(db, request.headers.get("api_access_token"), accountId);
      // A bot's token opens only the endpoints a bot needs (Chatwoot answers 401 elsewhere too).
      if (!resolved || (resolved.actor.kind === "agent_bot" && !endpoint.allowBots)) throw new AppError("unauthorized", "Invalid Access Token");
      actor = resolved.actor;
      userId = resolved.userId;
      if (resolved.membership) {
        const { role, customRoleId, permissions } = resolved.membership;
        rememberAccountAccess(scope, userId, resolved.membership.accountId, role === null ? null : { role, customRoleId, permissions });
      }
    }
    // A malformed id in the path names no resource: 404, like any unknown id.
    const params = endpoint.params ? endpoint.params.safeParse(rawParams) : { success: true as const, data: rawParams };
    if (!params.success) throw new AppError("not_found", "Resource could not be found");
    const query = endpoint.query ? parseInput(endpoint.query, queryToObject(new URL(request.url).searchParams), "api") : {};
    const body = endpoint.body ? parseInput(endpoint.body, await readBody(request), "api") : {};
    const result = await handle({
      db,
      actor,
      userId,
      platformAppId,
      params: params.data as z.infer<P>,
      query: query as z.infer<Q>,
      body: body as z.infer<B>,
      request,
    });
    if (result instanceof Response) return result;
    if (result === undefined) return new Response(null, { status: endpoint.status ?? 200 });
    if (endpoint.response && env().NODE_ENV === "test") assertDocumentedShape(endpoint, result);
    return Response.json(result, { status: endpoint.status ?? 200 });
  } catch (e) {
    return errorResponse(e, endpoint);
  }
}

/**
 * The query string as Chatwoot's clients write it: `labels[]=a&labels[]=b` and a repeated
 * `labels=a&labels=b` are arrays (under the name without brackets); a single `a=1` is a string.
 */
export function queryToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [raw, value] of params) {
    const isArray = raw.endsWith("[]");
    const name = isArray ? raw.slice(0, -2) : raw;
    if (name === "__proto__" || name === "constructor" || name === "prototype") continue;
    const seen = out[name];
    if (seen === undefined) out[name] = isArray ? [value] : value;
    else out[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** The `{account_id}` of an account-scoped path, when it is a valid id (else the handler's 404). */
function accountIdOf(params: Record<string, string | string[]>): number | undefined {
  const raw = params.account_id;
  if (typeof raw !== "string" || !/^\d{1,15}$/.test(raw)) return undefined;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * Under test, every response must match the schema the OpenAPI document publishes, so the
 * document cannot drift from what the API really sends. Skipped in production: the serializers'
 * types already guarantee the shape, and the check costs time on every request.
 */
function assertDocumentedShape(endpoint: EndpointSpec, result: unknown): void {
  const checked = endpoint.response?.safeParse(result);
  if (checked && !checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Response of ${endpoint.method} ${endpoint.path} does not match its documented schema: ${issues}`);
  }
}

/**
 * The body as Chatwoot's clients send it: JSON, or a form (multipart with files, or urlencoded),
 * where `a[]=1&a[]=2` and repeated `a=1&a=2` are arrays and `a[b]=1` is `{ a: { b: 1 } }`.
 */
async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded")) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("invalid", "The request body is not a valid form");
    }
    return formToObject(form);
  }
  return readJson(request);
}

export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    // Arrays of objects, as Rails clients write them (`actions[][action_name]`): Rack's rule.
    if (name.includes("[][")) {
      rackArrayParam(out, name, value);
      continue;
    }
    const isArray = name.endsWith("[]");
    const path = (isArray ? name.slice(0, -2) : name).split(/\[|\]\[|\]/).filter((p) => p !== "");
    if (path.length === 0 || path.some((p) => p === "__proto__" || p === "constructor" || p === "prototype")) continue;
    let target = out;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target = (next && typeof next === "object" && !Array.isArray(next) && !(next instanceof Blob) ? next : (target[key] = {})) as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    const existing = target[last];
    if (isArray) target[last] = Array.isArray(existing) ? [...existing, value] : [value];
    else if (existing !== undefined) target[last] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    else target[last] = value;
  }
  return out;
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Blob);

/**
 * Rack's reading of `a[][b]=1&a[][c][]=2&a[][b]=3` as `{a: [{b: "1", c: ["2"]}, {b: "3"}]}`: a
 * field goes into the array's last object unless that object already has it, which starts the
 * next one (Chatwoot's automation rules and macros are posted so by Rails clients).
 */
function rackArrayParam(params: Record<string, unknown>, name: string, value: unknown, depth = 0): void {
  const match = /^[[\]]*([^[\]]+)\]*/.exec(name);
  if (!match || depth > 8 || UNSAFE_KEYS.has(match[1])) return;
  const key = match[1];
  const after = name.slice(match[0].length);
  if (after === "" || after === "[") {
    params[key] = value;
  } else if (after === "[]") {
    const list = Array.isArray(params[key]) ? (params[key] as unknown[]) : (params[key] = []);
    list.push(value);
  } else if (after.startsWith("[]")) {
    const inner = /^\[([^[\]]+)\]$/.exec(after.slice(2));
    const child = inner ? inner[1] : after.slice(2);
    const list = Array.isArray(params[key]) ? (params[key] as unknown[]) : (params[key] = []);
    const last = list[list.length - 1];
    if (isPlainObject(last) && !hasField(last, child)) rackArrayParam(last, child, value, depth + 1);
    else {
      const next: Record<string, unknown> = {};
      rackArrayParam(next, child, value, depth + 1);
      list.push(next);
    }
  } else {
    const nested = isPlainObject(params[key]) ? params[key] : (params[key] = {});
    rackArrayParam(nested as Record<string, unknown>, after, value, depth + 1);
  }
}

/** Whether the object already holds the field at this path (a path ending in [] never does: it appends). */
function hasField(object: Record<string, unknown>, path: string): boolean {
  if (path.includes("[]")) return false;
  let at: unknown = object;
  for (const key of path.split(/[[\]]+/).filter((k) => k !== "")) {
    if (!isPlainObject(at) || !(key in at)) return false;
    at = at[key];
  }
  return true;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid", "The request body is not valid JSON");
  }
}

function errorResponse(e: unknown, endpoint: EndpointSpec): Response {
  if (isAppError(e)) {
    const retryAfter = e.code === "rate_limited" ? e.details?.retryAfterSeconds : undefined;
    return Response.json(
      { error: e.message, message: e.message, ...(e.details ? { details: e.details } : {}) },
      { status: e.status, headers: typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined },
    );
  }
  const reference = randomUUID();
  log.error("unhandled API error", {
    reference,
    endpoint: `${endpoint.method} ${endpoint.path}`,
    error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
  });
  return Response.json({ error: "Internal server error", message: "Internal server error", reference }, { status: 500 });
}
