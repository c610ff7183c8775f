import type { IncomingMessage, ServerResponse } from "node:http";
import type postgres from "postgres";
import { customDomainRewrite } from "@/lib/http/help-center-host";
import { securityHeaders } from "@/lib/http/security-headers";
import { PortalVersions } from "./live-versions";
import { findRoute, getCachedPage, gzipOf, routeKey } from "./page-cache";
import { pageHeaders } from "./page-headers";

/**
 * The help center's front door under `npm start` (scripts/server.ts): a public page the router has
 * already rendered is answered here, from the same in-memory pages, before Next's router and proxy
 * (which cost several times the page itself; docs/benchmarks.md). Only a GET/HEAD without a query
 * string whose route the router served as a 200 at the portal's current version qualifies; anything
 * else (first visits, search, previews, POSTs, a changed portal) returns false and goes to Next.
 * On Vercel there is no front: the route handlers serve the same pages with the same headers.
 */
export type HelpCenterFront = {
  /** True when it answered; false: pass the request on. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  stop: () => Promise<void>;
};

const SEGMENT = /^[A-Za-z0-9._~%-]+$/;

/** The router's route key for a request, or null when the front leaves it to Next. */
export function frontRoute(url: string, headers: Pick<Headers, "get">): string | null {
  if (url.includes("?") || url.includes("#")) return null;
  let portal: { slug: string } | { domain: string };
  let raw: string[];
  if (url.startsWith("/hc/")) {
    const [slug, ...rest] = url.slice(4).split("/");
    portal = { slug };
    raw = [slug, ...rest];
  } else {
    const rewritten = customDomainRewrite(url, headers);
    if (!rewritten) return null;
    const [domain, ...rest] = rewritten.slice("/hc-custom-domain/".length).split("/");
    portal = { domain };
    raw = rest;
  }
  const segments: string[] = [];
  for (const part of raw) {
    if (!SEGMENT.test(part)) return null; // empty (a trailing or double slash), or characters Next would normalize
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (decoded === "." || decoded === ".." || decoded.includes("/")) return null;
    segments.push(decoded);
  }
  if ("slug" in portal) {
    portal = { slug: segments.shift() as string };
  }
  return routeKey(portal, segments);
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (!value) return false;
  return value.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name.trim() !== "gzip") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** Next's compression leaves small bodies alone; so does the front, to answer the same bytes. */
const GZIP_MIN_BYTES = 1024;

export async function startHelpCenterFront(sql: postgres.Sql, options: { recheckMs?: number } = {}): Promise<HelpCenterFront> {
  const versions = new PortalVersions(sql, options.recheckMs);
  await versions.start();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if ((req.method !== "GET" && req.method !== "HEAD") || !req.url) return false;
    const headers = { get: (name: string) => { const v = req.headers[name.toLowerCase()]; return Array.isArray(v) ? v.join(", ") : (v ?? null); } };
    const route = frontRoute(req.url, headers);
    if (!route) return false;
    const target = findRoute(route);
    if (!target) return false;
    const version = versions.current(target.portalId) ?? (await versions.read(target.portalId));
    if (version !== target.version) return false;
    const page = getCachedPage(target.portalId, version, target.key);
    if (!page || page.status !== 200) return false;

    const out: Record<string, string> = { ...securityHeaders(headers), ...pageHeaders(page) };
    if (req.headers["if-none-match"] === page.etag) {
      res.writeHead(304, out).end();
      return true;
    }
    let body = page.body;
    if (body.length >= GZIP_MIN_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
      body = gzipOf(page);
      out["Content-Encoding"] = "gzip";
    }
    out["Content-Length"] = String(body.length);
    res.writeHead(200, out);
    if (req.method === "HEAD") res.end();
    else res.end(body);
    return true;
  }

  return { handle, stop: () => versions.stop() };
}
