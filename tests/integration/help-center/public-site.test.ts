import { gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as domainRoute from "@/app/hc-custom-domain/[host]/[[...path]]/route";
import * as route from "@/app/hc/[portal]/[[...path]]/route";
import { articles } from "@/db/schema";
import { updateArticle } from "@/lib/help-center/articles";
import { loadHelpCenterInsights } from "@/lib/help-center/public";
import { wordingFor } from "@/app/hc/_site/wording";
import { appUrl } from "@/lib/env";
import * as factories from "@/tests/factories";
import * as hc from "@/tests/factories/help-center";
import { useTestDatabase } from "@/tests/support/db";

/** The public help center's route handlers, called as Next calls them, against a real database. */
const db = useTestDatabase();
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

async function get(slug: string, path: string, headers: Record<string, string> = {}) {
  const [p, query] = path.split("?");
  const segments = p.split("/").filter(Boolean).map(decodeURIComponent);
  const request = new Request(`${appUrl()}/hc/${slug}/${p}${query ? `?${query}` : ""}`, { headers: { "user-agent": BROWSER, ...headers } });
  const res = await route.GET(request, { params: Promise.resolve({ portal: slug, path: segments }) });
  return { res, text: res.status === 200 || res.status === 404 ? await res.text() : "" };
}

async function post(slug: string, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const segments = path.split("/").filter(Boolean);
  const request = new Request(`${appUrl()}/hc/${slug}/${path}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER, ...headers },
  });
  return route.POST(request, { params: Promise.resolve({ portal: slug, path: segments }) });
}

async function setup() {
  const w = await factories.createWorkspace(db());
  const portal = await hc.createPortal(db(), w.account.id, { name: "Acme Help", allowedLocales: ["en", "fr"], defaultLocale: "en", color: "#aa3300" });
  const accountCategory = await hc.createCategory(db(), portal, { name: "Account", slug: "account", description: "Sign-in and passwords" });
  const compte = await hc.createCategory(db(), portal, { name: "Compte", slug: "compte", locale: "fr", associatedCategoryId: accountCategory.id });
  const reset = await hc.createArticle(db(), portal, {
    title: "Password reset", slug: "password-reset", categoryId: accountCategory.id, authorId: w.admin.id, description: "How to reset a forgotten password",
    content: "## Before you start\n\nYou need access to your email.\n\n## Steps\n\n1. Open **Sign in**\n2. Choose *Forgot password?*\n\n## If it fails\n\nWrite to us. <script>alert(1)</script>",
  });
  const reinit = await hc.createArticle(db(), portal, {
    title: "Réinitialiser le mot de passe", slug: "reinitialiser-mot-de-passe", locale: "fr", categoryId: compte.id, associatedArticleId: reset.id,
    content: "Ouvrez la page de connexion.",
  });
  const draft = await hc.createArticle(db(), portal, { title: "Secret roadmap", slug: "secret-roadmap", status: "draft", categoryId: accountCategory.id });
  const archived = await hc.createArticle(db(), portal, { title: "Old pricing", slug: "old-pricing", status: "archived", categoryId: accountCategory.id });
  return { ...w, portal, accountCategory, compte, reset, reinit, draft, archived };
}

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
}

const attr = (html: string, re: RegExp) => re.exec(html)?.[1];

describe("public help center", () => {
  it("redirects the portal root to its default locale and lists categories with their articles on the home page", async () => {
    const s = await setup();
    const root = await get(s.portal.slug, "");
    expect(root.res.status).toBe(302);
    expect(root.res.headers.get("location")).toBe(`/hc/${s.portal.slug}/en`);

    const home = await get(s.portal.slug, "en");
    expect(home.res.status).toBe(200);
    expect(home.text).toContain('<html lang="en">');
    expect(home.text).toContain(`<a href="/hc/${s.portal.slug}/en/categories/account">Account</a>`);
    expect(home.text).toContain(`<a href="/hc/${s.portal.slug}/articles/password-reset">Password reset</a>`);
    expect(home.text).not.toContain("Secret roadmap");
    expect(home.text).not.toContain("Old pricing");
    expect(home.text).not.toContain("Réinitialiser");
    expect(home.text).toMatch(/<form class="search" role="search" method="get" action="\/hc\/[^"]+\/en\/search">/);

    const fr = await get(s.portal.slug, "fr");
    expect(fr.text).toContain("Réinitialiser le mot de passe");
    expect((await get(s.portal.slug, "de")).res.status).toBe(404);
  });

  it("answers 404 for drafts, archived articles, another account's articles and archived portals", async () => {
    const s = await setup();
    for (const slug of ["secret-roadmap", "old-pricing", "nope"]) {
      const r = await get(s.portal.slug, `articles/${slug}`);
      expect(r.res.status, slug).toBe(404);
      expect(r.text).not.toMatch(/Secret roadmap|Old pricing/);
      expect((await get(s.portal.slug, `articles/${slug}.md`)).res.status).toBe(404);
    }
    const other = await factories.createWorkspace(db());
    const theirs = await hc.createPortal(db(), other.account.id);
    const foreign = await hc.createArticle(db(), theirs, { slug: "their-article", title: "Their article" });
    expect((await get(s.portal.slug, `articles/${foreign.slug}`)).res.status).toBe(404);
    expect((await get(theirs.slug, `articles/${foreign.slug}`)).res.status).toBe(200);
    await db().execute(sql`update portals set archived = true where id = ${theirs.id}`);
    expect((await get(theirs.slug, `articles/${foreign.slug}`)).res.status).toBe(404);
    expect((await get(theirs.slug, "en")).res.status).toBe(404);
  });

  it("serves an article with what search engines read: title, description, canonical, hreflang, JSON-LD, no script", async () => {
    const s = await setup();
    const { res, text } = await get(s.portal.slug, "articles/password-reset");
    expect(res.status).toBe(200);
    const base = `${appUrl()}/hc/${s.portal.slug}`;
    expect(text).toContain("<title>Password reset · Acme Help</title>");
    expect(attr(text, /<meta name="description" content="([^"]*)">/)).toBe("How to reset a forgotten password");
    expect(attr(text, /<link rel="canonical" href="([^"]*)">/)).toBe(`${base}/articles/password-reset`);
    const alternates = [...text.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
    expect(alternates).toEqual([
      ["en", `${base}/articles/password-reset`],
      ["fr", `${base}/articles/reinitialiser-mot-de-passe`],
      ["x-default", `${base}/articles/password-reset`],
    ]);
    expect(attr(text, /<meta property="og:title" content="([^"]*)">/)).toBe("Password reset");
    expect(attr(text, /<meta name="twitter:card" content="([^"]*)">/)).toBe("summary");
    const [article, crumbs] = jsonLd(text);
    expect(article).toMatchObject({
      "@type": "Article", headline: "Password reset", inLanguage: "en", url: `${base}/articles/password-reset`,
      author: { "@type": "Person", name: s.admin.name }, datePublished: s.reset.publishedAt!.toISOString(), dateModified: s.reset.updatedAt.toISOString(),
    });
    expect(crumbs).toMatchObject({
      "@type": "BreadcrumbList",
      itemListElement: [
        { position: 1, name: "Acme Help", item: `${base}/en` },
        { position: 2, name: "Account", item: `${base}/en/categories/account` },
        { position: 3, name: "Password reset", item: `${base}/articles/password-reset` },
      ],
    });
    // One h1, the body's headings under it with ids, a table of contents for a long article.
    expect(text.match(/<h1/g)).toHaveLength(1);
    expect(text).toContain('<h2 id="before-you-start">Before you start</h2>');
    expect(text).toContain('<a href="#if-it-fails">If it fails</a>');
    // No executable script anywhere, and a CSP that allows none.
    expect(text.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, "")).not.toMatch(/<script|alert\(1\)/);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'$|style-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(res.headers.get("cache-control")).toContain("public");
    // The proxy skips /hc/: the router adds the headers every response carries.
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    expect((await get(s.portal.slug, "articles/nope")).res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("links the translated article and keeps pages under 50 KB compressed", async () => {
    const s = await setup();
    const en = await get(s.portal.slug, "articles/password-reset");
    expect(en.text).toContain(`<a href="/hc/${s.portal.slug}/articles/reinitialiser-mot-de-passe" hreflang="fr" lang="fr">français</a>`);
    const fr = await get(s.portal.slug, "articles/reinitialiser-mot-de-passe");
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain("Ouvrez la page de connexion.");
    // What the server sends compressed (next start gzips every response).
    expect(gzipSync(Buffer.from(en.text)).byteLength).toBeLessThan(50 * 1024);
  });

  it("shows a published change on the very next request (cached pages are versioned by the database)", async () => {
    const s = await setup();
    const first = await get(s.portal.slug, "articles/password-reset");
    const again = await get(s.portal.slug, "articles/password-reset", { "if-none-match": first.res.headers.get("etag")! });
    expect(again.res.status).toBe(304);
    await updateArticle(db(), { kind: "user", userId: s.admin.id }, s.account.id, s.portal.slug, s.reset.id, { title: "Reset your password" });
    expect((await get(s.portal.slug, "articles/password-reset")).text).toContain("<h1>Reset your password</h1>");
    expect((await get(s.portal.slug, "en")).text).toContain("Reset your password");
    // A draft published straight in SQL (another instance, a bulk tool) shows too.
    await db().update(articles).set({ status: "published", publishedAt: new Date() }).where(eq(articles.id, s.draft.id));
    expect((await get(s.portal.slug, "articles/secret-roadmap")).res.status).toBe(200);
    await db().update(articles).set({ status: "draft" }).where(eq(articles.id, s.draft.id));
    expect((await get(s.portal.slug, "articles/secret-roadmap")).res.status).toBe(404);
  });

  it("lists public pages with lastmod and alternates in the sitemap, and serves the Markdown source", async () => {
    const s = await setup();
    const { res, text } = await get(s.portal.slug, "sitemap.xml");
    expect(res.headers.get("content-type")).toContain("application/xml");
    const base = `${appUrl()}/hc/${s.portal.slug}`;
    const locs = [...text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs.sort()).toEqual([
      `${base}/articles/password-reset`, `${base}/articles/reinitialiser-mot-de-passe`, `${base}/en`, `${base}/en/categories/account`, `${base}/fr`, `${base}/fr/categories/compte`,
    ].sort());
    const entry = /<url><loc>[^<]+\/articles\/password-reset<\/loc><lastmod>([^<]+)<\/lastmod>(.*?)<\/url>/.exec(text)!;
    expect(entry[1]).toBe(s.reset.updatedAt.toISOString());
    expect(entry[2]).toContain(`hreflang="fr" href="${base}/articles/reinitialiser-mot-de-passe"`);
    const md = await get(s.portal.slug, "articles/password-reset.md");
    expect(md.res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.text).toMatch(/^# Password reset\n\n## Before you start/);
  });

  it("finds articles despite typos and as you type, with highlighted snippets, and logs searches that found nothing", async () => {
    const s = await setup();
    const typo = await get(s.portal.slug, "en/search?query=pasword%20reset");
    expect(typo.text).toContain(`<a href="/hc/${s.portal.slug}/articles/password-reset">Password reset</a>`);
    expect(typo.res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const prefix = await get(s.portal.slug, "en/search.json?query=forgott");
    const body = JSON.parse(prefix.text);
    expect(body.payload.map((p: { slug: string }) => p.slug)).toEqual(["password-reset"]);
    expect(body.payload[0].snippet).toContain("<mark>");
    expect(body.payload[0].link).toBe(`${appUrl()}/hc/${s.portal.slug}/articles/password-reset`);
    const xss = await get(s.portal.slug, "en/search.json?query=write");
    expect(JSON.parse(xss.text).payload[0].snippet).not.toContain("<script");
    expect((await get(s.portal.slug, "en/search?query=roadmap")).text).toContain("No articles found");
    await get(s.portal.slug, "en/search?query=roadmap");
    const insights = await loadHelpCenterInsights(db(), { kind: "user", userId: s.admin.id }, s.account.id, { portalSlug: s.portal.slug });
    expect(insights.failedSearches).toEqual([expect.objectContaining({ query: "roadmap", locale: "en", count: 2 })]);
    await expect(loadHelpCenterInsights(db(), { kind: "user", userId: s.agent.id }, s.account.id, { portalSlug: s.portal.slug })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("takes one helpful vote per visitor without an account, ignoring bots, and reports the least helpful articles", async () => {
    const s = await setup();
    const first = await post(s.portal.slug, "articles/password-reset/feedback", { helpful: "no" });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`/hc/${s.portal.slug}/articles/password-reset?feedback=thanks#feedback`);
    const cookie = /hc_vid=([^;]+)/.exec(first.headers.get("set-cookie")!)![1];
    await post(s.portal.slug, "articles/password-reset/feedback", { helpful: "no" }, { cookie: `hc_vid=${cookie}` });
    await post(s.portal.slug, "articles/password-reset/feedback", { helpful: "yes" }, { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" });
    await post(s.portal.slug, "articles/password-reset/feedback", { helpful: "yes" });
    expect((await post(s.portal.slug, "articles/secret-roadmap/feedback", { helpful: "yes" })).status).toBe(404);
    const insights = await loadHelpCenterInsights(db(), { kind: "user", userId: s.admin.id }, s.account.id, { portalSlug: s.portal.slug });
    expect(insights.leastHelpful).toEqual([expect.objectContaining({ slug: "password-reset", helpful: 1, notHelpful: 1 })]);
    const thanks = await get(s.portal.slug, "articles/password-reset?feedback=thanks");
    expect(thanks.text).toContain("Thanks for your feedback!");
  });

  it("counts a view once per visitor and never for bots, and a cached page still counts", async () => {
    const s = await setup();
    const views = async () => (await db().select({ v: articles.views }).from(articles).where(eq(articles.id, s.reset.id)))[0].v;
    const page = await get(s.portal.slug, "articles/password-reset");
    expect(page.text).toContain(`src="/hc/${s.portal.slug}/articles/password-reset/view.gif"`);
    const beacon = await get(s.portal.slug, "articles/password-reset/view.gif");
    expect(beacon.res.headers.get("content-type")).toBe("image/gif");
    const seen = /hc_seen=([^;]+)/.exec(beacon.res.headers.get("set-cookie")!)![1];
    expect(await views()).toBe(1);
    await get(s.portal.slug, "articles/password-reset/view.gif", { cookie: `hc_seen=${seen}` });
    await get(s.portal.slug, "articles/password-reset/view.gif", { "user-agent": "Mozilla/5.0 (compatible; bingbot/2.0)" });
    expect(await views()).toBe(1);
    await get(s.portal.slug, "articles/password-reset/view.gif");
    expect(await views()).toBe(2);
    // Counting views does not invalidate the cached page.
    const etag = (await get(s.portal.slug, "articles/password-reset")).res.headers.get("etag");
    expect(etag).toBe(page.res.headers.get("etag"));
  });

  it("serves a portal on its custom domain at / with its own robots.txt and sitemap", async () => {
    const s = await setup();
    await db().execute(sql`update portals set custom_domain = 'help.acme.test' where id = ${s.portal.id}`);
    const call = async (path: string) => {
      const segments = path.split("/").filter(Boolean);
      const res = await domainRoute.GET(new Request(`https://help.acme.test/${path}`, { headers: { "user-agent": BROWSER } }), { params: Promise.resolve({ host: "help.acme.test", path: segments }) });
      return { res, text: res.status === 200 ? await res.text() : "" };
    };
    expect((await call("")).res.headers.get("location")).toBe("/en");
    const home = await call("en");
    expect(home.text).toContain('<a href="/articles/password-reset">Password reset</a>');
    expect(home.text).toContain('<link rel="canonical" href="https://help.acme.test/en">');
    const robots = await call("robots.txt");
    expect(robots.text).toContain("Sitemap: https://help.acme.test/sitemap.xml");
    expect((await call("sitemap.xml")).text).toContain("<loc>https://help.acme.test/articles/password-reset</loc>");
    // Canonical URLs point at the domain from the app host too.
    expect((await get(s.portal.slug, "articles/password-reset")).text).toContain('<link rel="canonical" href="https://help.acme.test/articles/password-reset">');
    expect((await domainRoute.GET(new Request("https://unknown.test/en"), { params: Promise.resolve({ host: "unknown.test", path: ["en"] }) })).status).toBe(404);
  });

  it("words its own headings, buttons and labels in the page's language (English where it has no words for it)", async () => {
    const s = await setup();
    const home = await get(s.portal.slug, "fr");
    expect(home.text).toContain('placeholder="Rechercher des articles"');
    expect(home.text).toContain('<button type="submit">Rechercher</button>');
    expect(home.text).toContain('aria-label="Langue"');
    expect(home.text).not.toContain("Search articles");

    const article = await get(s.portal.slug, "articles/reinitialiser-mot-de-passe");
    expect(article.text).toContain("Cet article vous a-t-il été utile ?");
    expect(article.text).toContain(">Oui</button>");
    expect(article.text).toContain("Aussi en :");
    expect(article.text).toContain('aria-label="Fil d’Ariane"');
    expect(article.text).not.toContain("Was this article helpful?");
    const english = await get(s.portal.slug, "articles/password-reset");
    expect(english.text).toContain("Was this article helpful?");

    const search = await get(s.portal.slug, "fr/search?query=introuvablexyz");
    expect(search.text).toContain("0 résultat pour « introuvablexyz »");
    expect(search.text).toContain("Aucun article trouvé.");
    const missing = await get(s.portal.slug, "fr/categories/nope");
    expect(missing.res.status).toBe(404);
    expect(missing.text).toContain("<h1>Page introuvable</h1>");

    expect(wordingFor("pt_BR").helpful).toBe("Este artigo foi útil?");
    expect(wordingFor("de-AT").search).toBe("Suchen");
    expect(wordingFor("ja").helpful).toBe("Was this article helpful?");
  });
});
