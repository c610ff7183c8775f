import { pageHeaders, type CachedPage } from "@/lib/help-center/public";

/**
 * Turning a rendered page into a response: ETag + 304, and browsers told to revalidate every time,
 * since a page must change the moment its article does. The headers come from
 * lib/help-center/public/page-headers.ts, which the front (`npm start`) uses for the same pages.
 */
export function sendPage(request: Request, page: CachedPage, cacheControl?: string): Response {
  const headers = new Headers(pageHeaders(page, cacheControl));
  if (page.status === 200 && request.headers.get("if-none-match") === page.etag) return new Response(null, { status: 304, headers });
  // Compression is left to the server (`next start` gzips; Next drops a route's own Content-Encoding).
  return new Response(request.method === "HEAD" ? null : new Uint8Array(page.body), { status: page.status, headers });
}

export function redirect(location: string, status = 302, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { Location: location, "Cache-Control": "no-store", ...headers } });
}

export function plainNotFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
}

/** A 1×1 transparent GIF: the view beacon's answer. */
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

export function beaconGif(setCookie?: string): Response {
  const headers: Record<string, string> = { "Content-Type": "image/gif", "Cache-Control": "no-store", "Content-Length": String(GIF.length) };
  if (setCookie) headers["Set-Cookie"] = setCookie;
  return new Response(new Uint8Array(GIF), { status: 200, headers });
}

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}
