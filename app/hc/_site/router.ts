import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { appUrl } from "@/lib/env";
import { securityHeaders } from "@/lib/http/security-headers";
import {
  findPublicPortal, findPublishedArticleId, getCachedPage, isAllowedLocale, isBot, loadArticle, loadCategory, loadHome,
  loadSitemap, makePage, parseSeen, putCachedPage, rememberRoute, routeKey, recordSearch, recordView, recordVote, searchArticles, withSeen,
  type CachedPage, type PortalKey, type PublicPortal,
} from "@/lib/help-center/public";
import { enc } from "./html";
import type { Site } from "./layout";
import { articlePage, categoryPage, homePage, notFoundPage, searchPage } from "./pages";
import { isAgentOfAccount } from "./preview";
import { beaconGif, plainNotFound, readCookie, redirect, sendPage } from "./respond";
import { sitemapXml } from "./seo";

/**
 * The public help center (issue 11 items 5–10), one router for both ways in: /hc/{slug}/... on the
 * app's host and / on a portal's custom domain (proxy.ts rewrites those to /hc-custom-domain/{host}).
 * Pages are HTML strings with no script, cached per portal content version (lib/help-center/public).
 */
export type HelpCenterRequest = { key: PortalKey; segments: string[] };

const HTML = "text/html; charset=utf-8";

function siteFor(portal: PublicPortal, key: PortalKey): Site {
  const app = appUrl();
  return {
    portal,
    base: "slug" in key ? `/hc/${enc(portal.slug)}` : "",
    canonicalBase: portal.customDomain ? `https://${portal.customDomain}` : `${app}/hc/${enc(portal.slug)}`,
    appOrigin: new URL(app).origin,
  };
}

function htmlPage(status: number, rendered: { html: string; csp: string }): CachedPage {
  return makePage(status, HTML, rendered.html, { "Content-Security-Policy": rendered.csp, "X-Frame-Options": "DENY" });
}

/**
 * Serves from the cache, or renders, caches and serves. `route` (a request without a query string):
 * the front (`npm start`, lib/help-center/public/front.ts) may answer it from this page next time.
 */
async function cached(request: Request, site: Site, key: string, route: string | null, render: () => Promise<CachedPage | null>): Promise<Response | null> {
  const { portal } = site;
  const cacheKey = `${site.base}|${key}`;
  let page = getCachedPage(portal.id, portal.version, cacheKey);
  if (!page) {
    const rendered = await render();
    if (!rendered) return null;
    putCachedPage(portal.id, portal.version, cacheKey, rendered);
    page = rendered;
  }
  if (route && page.status === 200) rememberRoute(route, { portalId: portal.id, version: portal.version, key: cacheKey });
  return sendPage(request, page);
}

function notFound(request: Request, site: Site, locale?: string): Response {
  const l = locale && isAllowedLocale(site.portal, locale) ? locale : site.portal.defaultLocale;
  return sendPage(request, htmlPage(404, notFoundPage(site, l)), "no-store");
}

/** Every answer carries the headers the proxy would have added (it skips /hc/). */
function secured(request: Request, response: Response): Response {
  for (const [name, value] of Object.entries(securityHeaders(request.headers))) if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

export async function handleHelpCenterGet(request: Request, input: HelpCenterRequest): Promise<Response> {
  return secured(request, await routeGet(request, input));
}

export async function handleHelpCenterPost(request: Request, input: HelpCenterRequest): Promise<Response> {
  return secured(request, await routePost(request, input));
}

async function routeGet(request: Request, { key, segments }: HelpCenterRequest): Promise<Response> {
  const db = getDb();
  const portal = await findPublicPortal(db, key);
  if (!portal) return plainNotFound();
  const site = siteFor(portal, key);
  const url = new URL(request.url);
  const [first, second, third] = segments;
  const route = url.search === "" ? routeKey(key, segments) : null;

  if (segments.length === 0) return redirect(`${site.base}/${enc(portal.defaultLocale)}`);
  if (segments.length === 1 && first === "sitemap.xml") {
    return (await cached(request, site, "sitemap", route, async () => makePage(200, "application/xml; charset=utf-8", sitemapXml(site, await loadSitemap(db, portal))))) ?? plainNotFound();
  }
  if (segments.length === 1 && first === "robots.txt") {
    const body = `User-agent: *\nAllow: /\nDisallow: ${site.base}/*/search\nSitemap: ${site.canonicalBase}/sitemap.xml\n`;
    return sendPage(request, makePage(200, "text/plain; charset=utf-8", body));
  }
  if (first === "articles" && second) {
    if (segments.length === 3 && third === "view.gif") return countView(request, portal, second);
    if (segments.length !== 2) return notFound(request, site);
    if (second.endsWith(".md")) return markdownSource(request, site, second.slice(0, -3), route);
    const thanks = url.searchParams.get("feedback") === "thanks";
    const response = await cached(request, site, `article:${second}:${thanks ? 1 : 0}`, route, async () => {
      const data = await loadArticle(db, portal, second);
      return data ? htmlPage(200, articlePage(site, data, { preview: false, thanks })) : null;
    });
    if (response) return response;
    // Not public: a signed-in agent of this account may preview it; everyone else gets 404.
    if (await isAgentOfAccount(db, request, portal.accountId)) {
      const data = await loadArticle(db, portal, second, { includeUnpublished: true });
      if (data) return sendPage(request, htmlPage(200, articlePage(site, data, { preview: true, thanks: false })), "private, no-store");
    }
    return notFound(request, site);
  }
  if (!first || !isAllowedLocale(portal, first)) return notFound(request, site);
  const locale = first;
  if (segments.length === 1) {
    return (await cached(request, site, `home:${locale}`, route, async () => htmlPage(200, homePage(site, locale, await loadHome(db, portal, locale))))) ?? notFound(request, site, locale);
  }
  if (segments.length === 3 && second === "categories" && third) {
    const response = await cached(request, site, `category:${locale}:${third}`, route, async () => {
      const data = await loadCategory(db, portal, locale, third);
      return data ? htmlPage(200, categoryPage(site, locale, data)) : null;
    });
    return response ?? notFound(request, site, locale);
  }
  if (segments.length === 2 && second === "categories") return redirect(`${site.base}/${enc(locale)}`, 301);
  if (segments.length === 2 && (second === "search.json" || second === "articles.json")) return searchJson(request, site, locale, url);
  if (segments.length === 2 && (second === "search" || second === "articles")) {
    const query = (url.searchParams.get("query") ?? url.searchParams.get("q") ?? "").trim();
    const hits = query ? await searchArticles(db, portal, locale, query, { mode: "full" }) : [];
    if (query && !isBot(request.headers.get("user-agent"))) await recordSearch(db, portal, locale, query, hits.length);
    return sendPage(request, htmlPage(200, searchPage(site, locale, query.slice(0, 200), hits)), "no-store");
  }
  return notFound(request, site, locale);
}

async function markdownSource(request: Request, site: Site, slug: string, route: string | null): Promise<Response> {
  const response = await cached(request, site, `md:${slug}`, route, async () => {
    const data = await loadArticle(getDb(), site.portal, slug);
    if (!data) return null;
    return makePage(200, "text/markdown; charset=utf-8", `# ${data.article.title}\n\n${data.article.content.trim()}\n`, {
      Link: `<${site.canonicalBase}/articles/${enc(slug)}>; rel="canonical"`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
    });
  });
  return response ?? plainNotFound();
}

async function searchJson(request: Request, site: Site, locale: string, url: URL): Promise<Response> {
  const query = url.searchParams.get("query") ?? url.searchParams.get("q") ?? "";
  const mode = url.searchParams.get("mode") === "full" ? "full" : "prefix";
  const hits = await searchArticles(getDb(), site.portal, locale, query, { mode, limit: Number(url.searchParams.get("limit")) || 10 });
  const payload = hits.map((h) => ({
    id: h.id, title: h.title, slug: h.slug, description: h.description, locale: h.locale,
    category: h.categorySlug ? { name: h.categoryName, slug: h.categorySlug } : null,
    link: `${site.canonicalBase}/articles/${enc(h.slug)}`, snippet: h.snippetHtml,
  }));
  return new Response(JSON.stringify({ payload, meta: { query, count: payload.length } }), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff" },
  });
}

const SEEN_COOKIE = "hc_seen";
const VISITOR_COOKIE = "hc_vid";
const secure = () => (appUrl().startsWith("https:") ? "; Secure" : "");

/** The view beacon: counts a view unless a bot or seen by this browser in the last 30 minutes. */
async function countView(request: Request, portal: PublicPortal, slug: string): Promise<Response> {
  if (isBot(request.headers.get("user-agent"))) return beaconGif();
  const db = getDb();
  const id = await findPublishedArticleId(db, portal, slug);
  if (!id) return beaconGif();
  const seen = parseSeen(readCookie(request, SEEN_COOKIE));
  if (seen.includes(id)) return beaconGif();
  await recordView(db, portal, id);
  return beaconGif(`${SEEN_COOKIE}=${withSeen(seen, id)}; Path=/; Max-Age=1800; HttpOnly; SameSite=Lax${secure()}`);
}

/** "Was this helpful?": a plain form POST (no script), one vote per visitor cookie. */
async function routePost(request: Request, { key, segments }: HelpCenterRequest): Promise<Response> {
  const [first, slug, action] = segments;
  if (segments.length !== 3 || first !== "articles" || !slug || action !== "feedback") return plainNotFound();
  const db = getDb();
  const portal = await findPublicPortal(db, key);
  if (!portal) return plainNotFound();
  const site = siteFor(portal, key);
  const back = `${site.base}/articles/${enc(slug)}?feedback=thanks#feedback`;
  let helpful: string | null = null;
  try {
    helpful = String((await request.formData()).get("helpful") ?? "");
  } catch {
    return new Response("Bad request", { status: 400 });
  }
  if (helpful !== "yes" && helpful !== "no") return new Response("Bad request", { status: 400 });
  if (isBot(request.headers.get("user-agent"))) return redirect(back, 303);
  const id = await findPublishedArticleId(db, portal, slug);
  if (!id) return plainNotFound();
  const existing = readCookie(request, VISITOR_COOKIE);
  const visitor = existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing) ? existing : randomBytes(16).toString("base64url");
  await recordVote(db, portal, id, visitor, helpful === "yes");
  const cookie: Record<string, string> = existing === visitor ? {} : { "Set-Cookie": `${VISITOR_COOKIE}=${visitor}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure()}` };
  return redirect(back, 303, cookie);
}
