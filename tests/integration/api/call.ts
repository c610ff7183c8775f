/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies */
import type { RouteContext } from "@/lib/api/handler";

type Handler = (request: Request, context: RouteContext) => Promise<Response>;

/**
 * Calls a route handler the way Next does: a real Request, params as a promise. Returns the
 * status and the parsed JSON body (null when empty).
 */
export async function call(
  handler: Handler,
  options: { token?: string | null; params?: Record<string, string | number>; query?: Record<string, string | number>; body?: unknown; path?: string } = {},
): Promise<{ status: number; body: any }> {
  const url = new URL(options.path ?? "/api/v1/test", "http://localhost:3000");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const headers = new Headers({ "content-type": "application/json" });
  if (options.token) headers.set("api_access_token", options.token);
  const request = new Request(url, {
    method: options.body === undefined ? "GET" : "POST",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const params = Object.fromEntries(Object.entries(options.params ?? {}).map(([k, v]) => [k, String(v)]));
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
