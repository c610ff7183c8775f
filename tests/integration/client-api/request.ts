/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies */
import type { RouteContext } from "@/lib/api/handler";

type Handler = (request: Request, context: RouteContext) => Promise<Response>;

/**
 * Calls a Client API route handler as Next would, with a real Request: JSON by default, a
 * FormData body as multipart. No api_access_token: the Client API has none.
 */
export async function request(
  handler: Handler,
  options: { method?: string; params: Record<string, string | number>; query?: Record<string, string>; body?: unknown },
): Promise<{ status: number; body: any; headers: Headers }> {
  const url = new URL("/public/api/v1/test", "http://localhost:3000");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const isForm = options.body instanceof FormData;
  const init: RequestInit = { method: options.method ?? (options.body === undefined ? "GET" : "POST") };
  if (options.body !== undefined) {
    init.body = isForm ? (options.body as FormData) : JSON.stringify(options.body);
    if (!isForm) init.headers = { "content-type": "application/json" };
  }
  const params = Object.fromEntries(Object.entries(options.params).map(([k, v]) => [k, String(v)]));
  const response = await handler(new Request(url, init), { params: Promise.resolve(params) });
  const type = response.headers.get("content-type") ?? "";
  const text = type.includes("json") ? await response.text() : "";
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}
