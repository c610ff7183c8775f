import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/**
 * Rendered public pages, kept in this process per portal and content version. The router reads the
 * portal's version (one indexed query) and serves from here when the version matches, so a change is
 * visible at once and nothing is rebuilt ahead of time.
 *
 * The store lives on globalThis: under `npm start` the help-center front (./front.ts) runs in the
 * same process as Next but in another bundle, and answers repeat requests from these same pages
 * before Next's router, by the route each page was served at (`routes`).
 */
export type CachedPage = {
  status: number;
  contentType: string;
  body: Buffer;
  etag: string;
  /** Extra headers (Content-Security-Policy, Link...). */
  headers: Record<string, string>;
  /** The body gzipped, made on first use by the front (Next compresses its own answers). */
  gzip?: Buffer;
};

/**
 * Where a route's page is: the portal the router found for it, at which version, and the page's key.
 * The route is only trusted at that version: a change of slug or domain bumps it.
 */
export type PageRoute = { portalId: number; version: number; key: string };

const MAX_PAGES_PER_PORTAL = 2000;
const MAX_PORTALS = 500;
const MAX_ROUTES = 50_000;

type PortalPages = { version: number; pages: Map<string, CachedPage> };
type Store = { byPortal: Map<number, PortalPages>; routes: Map<string, PageRoute> };

const STORE = Symbol.for("postdesk.helpCenter.pageCache");
const holder = globalThis as unknown as { [STORE]?: Store };
const store = (holder[STORE] ??= { byPortal: new Map(), routes: new Map() });

export function getCachedPage(portalId: number, version: number, key: string): CachedPage | undefined {
  const entry = store.byPortal.get(portalId);
  if (!entry || entry.version !== version) return undefined;
  return entry.pages.get(key);
}

export function makePage(status: number, contentType: string, text: string, headers: Record<string, string> = {}): CachedPage {
  const body = Buffer.from(text, "utf8");
  const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
  return { status, contentType, body, etag, headers };
}

export function putCachedPage(portalId: number, version: number, key: string, page: CachedPage): void {
  let entry = store.byPortal.get(portalId);
  if (!entry || entry.version < version) {
    entry = { version, pages: new Map() };
    store.byPortal.delete(portalId);
    if (store.byPortal.size >= MAX_PORTALS) store.byPortal.delete(store.byPortal.keys().next().value as number);
    store.byPortal.set(portalId, entry);
  } else if (entry.version > version) return; // rendered from older data than what is cached now
  if (entry.pages.size >= MAX_PAGES_PER_PORTAL) entry.pages.delete(entry.pages.keys().next().value as string);
  entry.pages.set(key, page);
}

/**
 * The route key of a public request: the portal as named (slug or custom domain) and the path
 * segments after it, as the router receives them. Only requests without a query string are routed.
 */
export function routeKey(portal: { slug: string } | { domain: string }, segments: readonly string[]): string {
  return "slug" in portal ? `s ${portal.slug}/${segments.join("/")}` : `d ${portal.domain}/${segments.join("/")}`;
}

/** Remembers that this route showed this page (a 200 the front may answer again while the version holds). */
export function rememberRoute(route: string, target: PageRoute): void {
  if (store.routes.size >= MAX_ROUTES && !store.routes.has(route)) store.routes.delete(store.routes.keys().next().value as string);
  store.routes.set(route, target);
}

export function findRoute(route: string): PageRoute | undefined {
  return store.routes.get(route);
}

/** The version the cached pages of a portal were rendered at (undefined: none cached). */
export function cachedVersion(portalId: number): number | undefined {
  return store.byPortal.get(portalId)?.version;
}

export function gzipOf(page: CachedPage): Buffer {
  return (page.gzip ??= gzipSync(page.body));
}

/** For tests and benchmarks: forget everything. */
export function clearPageCache(): void {
  store.byPortal.clear();
  store.routes.clear();
}
