import { env } from "@/lib/env";
import type { CachedPage } from "./page-cache";

/**
 * The headers of a public page, the same from the route handlers and from the front (./front.ts).
 * Browsers revalidate every time (ETag, 304), so a publish shows on the next load. A CDN may keep a
 * page for HELP_CENTER_CDN_MAX_AGE seconds and then serve it stale while it refetches
 * (CDN-Cache-Control, read by Vercel's and other CDNs, and s-maxage for the others); 0 keeps
 * CDNs revalidating too.
 */
export function publicCacheControl(): { "Cache-Control": string; "CDN-Cache-Control"?: string } {
  const { HELP_CENTER_CDN_MAX_AGE: maxAge, HELP_CENTER_CDN_STALE_SECONDS: stale } = env();
  if (maxAge === 0) return { "Cache-Control": "public, max-age=0, must-revalidate" };
  return {
    "Cache-Control": `public, max-age=0, s-maxage=${maxAge}, must-revalidate`,
    "CDN-Cache-Control": `public, max-age=${maxAge}${stale > 0 ? `, stale-while-revalidate=${stale}` : ""}`,
  };
}

/** `cacheControl`: an override for answers that must not be shared (previews, search results). */
export function pageHeaders(page: CachedPage, cacheControl?: string): Record<string, string> {
  return {
    ...page.headers,
    "Content-Type": page.contentType,
    ...(cacheControl ? { "Cache-Control": cacheControl } : publicCacheControl()),
    Vary: "Accept-Encoding",
    ETag: page.etag,
  };
}
