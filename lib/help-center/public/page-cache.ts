import { createHash } from "node:crypto";

/**
 * Rendered public pages, kept in this process per portal and content version. A request reads the
 * portal's version (one indexed query) and is served from here when the version matches, so a
 * change is visible at once and nothing is rebuilt ahead of time; a hit costs no query but that one.
 */
export type CachedPage = {
  status: number;
  contentType: string;
  body: Buffer;
  etag: string;
  /** Extra headers (Content-Security-Policy, Link...). */
  headers: Record<string, string>;
};

const MAX_PAGES_PER_PORTAL = 2000;
const MAX_PORTALS = 500;

type PortalPages = { version: number; pages: Map<string, CachedPage> };
const byPortal = new Map<number, PortalPages>();

export function getCachedPage(portalId: number, version: number, key: string): CachedPage | undefined {
  const entry = byPortal.get(portalId);
  if (!entry || entry.version !== version) return undefined;
  return entry.pages.get(key);
}

export function makePage(status: number, contentType: string, text: string, headers: Record<string, string> = {}): CachedPage {
  const body = Buffer.from(text, "utf8");
  const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
  return { status, contentType, body, etag, headers };
}

export function putCachedPage(portalId: number, version: number, key: string, page: CachedPage): void {
  let entry = byPortal.get(portalId);
  if (!entry || entry.version < version) {
    entry = { version, pages: new Map() };
    byPortal.delete(portalId);
    if (byPortal.size >= MAX_PORTALS) byPortal.delete(byPortal.keys().next().value as number);
    byPortal.set(portalId, entry);
  } else if (entry.version > version) return; // rendered from older data than what is cached now
  if (entry.pages.size >= MAX_PAGES_PER_PORTAL) entry.pages.delete(entry.pages.keys().next().value as string);
  entry.pages.set(key, page);
}

/** For tests and benchmarks: forget everything. */
export function clearPageCache(): void {
  byPortal.clear();
}
