import http from "node:http";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { articles } from "@/db/schema";
import * as hc from "@/tests/factories/help-center";
import { authenticate, describeE2E, useAppServer, useBrowser } from "@/tests/support/browser";

/**
 * The public help center in the production server, read by Chromium with JavaScript disabled
 * (issue 11, "Done when"): home → category → article → its translation → search with a typo;
 * drafts 404 for visitors and show as a marked, noindex preview to an agent; a published change
 * shows on the next request; a portal answers on its custom domain.
 */
describeE2E("public help center", () => {
  const app = useAppServer();
  const browser = useBrowser();

  async function seed() {
    const admin = await app().seedAccount();
    const db = app().db;
    const portal = await hc.createPortal(db, admin.accountId, { name: "Acme Help", allowedLocales: ["en", "fr"], defaultLocale: "en", headerText: "How can we help?" });
    const account = await hc.createCategory(db, portal, { name: "Account", slug: "account" });
    const compte = await hc.createCategory(db, portal, { name: "Compte", slug: "compte", locale: "fr", associatedCategoryId: account.id });
    const reset = await hc.createArticle(db, portal, { title: "Password reset", slug: "password-reset", categoryId: account.id, content: "## Steps\n\nOpen **Sign in** and choose *Forgot password?*." });
    await hc.createArticle(db, portal, { title: "Réinitialiser le mot de passe", slug: "reinitialiser", locale: "fr", categoryId: compte.id, associatedArticleId: reset.id, content: "Ouvrez la page de connexion." });
    const draft = await hc.createArticle(db, portal, { title: "Secret roadmap", slug: "secret-roadmap", status: "draft", categoryId: account.id });
    return { admin, portal, reset, draft };
  }

  it("a reader without JavaScript browses home → category → article → translation → search with a typo", async () => {
    const { portal } = await seed();
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${app().url}/hc/${portal.slug}`);
      expect(page.url()).toBe(`${app().url}/hc/${portal.slug}/en`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("How can we help?");
      await page.getByRole("link", { name: "Account", exact: true }).click();
      await page.waitForURL(`**/hc/${portal.slug}/en/categories/account`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Account");
      await page.getByRole("link", { name: "Password reset" }).click();
      await page.waitForURL(`**/hc/${portal.slug}/articles/password-reset`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Password reset");
      expect(await page.locator("article .body").textContent()).toContain("Forgot password?");
      await page.locator("article").getByRole("link", { name: "français" }).click();
      await page.waitForURL(`**/hc/${portal.slug}/articles/reinitialiser`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Réinitialiser le mot de passe");
      expect(await page.locator("html").getAttribute("lang")).toBe("fr");
      await page.goto(`${app().url}/hc/${portal.slug}/en`);
      await page.getByRole("searchbox", { name: "Search articles" }).fill("pasword reset");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/en\/search\?query=pasword\+reset/);
      await page.getByRole("link", { name: "Password reset" }).click();
      await page.waitForURL(`**/articles/password-reset`);
      // "Was this helpful?" is a plain form: it works without script.
      await page.getByRole("button", { name: "Yes" }).click();
      await page.waitForURL(/feedback=thanks/);
      expect(await page.getByText("Thanks for your feedback!").count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it("drafts are 404 to visitors; an agent of the account sees a marked noindex preview", async () => {
    const { admin, portal } = await seed();
    const visitor = await fetch(`${app().url}/hc/${portal.slug}/articles/secret-roadmap`);
    expect(visitor.status).toBe(404);
    expect(await visitor.text()).not.toContain("Secret roadmap");
    const context = await browser().newContext();
    const page = await context.newPage();
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      const response = await page.goto(`${app().url}/hc/${portal.slug}/articles/secret-roadmap`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["cache-control"]).toContain("private");
      expect(await page.getByRole("status").textContent()).toContain("Draft — not public");
      expect(await page.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");
      // Another account's agent gets the visitor's answer.
      const other = await app().seedAccount();
      const otherContext = await browser().newContext();
      const otherPage = await otherContext.newPage();
      await authenticate(otherPage.context(), app().url, other.email, other.password);
      expect((await otherPage.goto(`${app().url}/hc/${portal.slug}/articles/secret-roadmap`))?.status()).toBe(404);
      await otherContext.close();
    } finally {
      await context.close();
    }
  });

  it("serves compressed, script-free pages with their own CSP, and a published change on the next request", async () => {
    const { portal, reset } = await seed();
    const url = `${app().url}/hc/${portal.slug}/articles/password-reset`;
    const first = await fetch(url, { headers: { "accept-encoding": "gzip" } });
    expect(first.headers.get("content-encoding")).toBe("gzip");
    const csp = first.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("nonce-");
    const html = await first.text();
    expect(html).toContain("<h1>Password reset</h1>");
    expect(html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, "")).not.toContain("<script");
    await app().db.update(articles).set({ title: "Reset your password", updatedAt: sql`now()` }).where(eq(articles.id, reset.id));
    expect(await (await fetch(url)).text()).toContain("<h1>Reset your password</h1>");
  });

  it("answers on a portal's custom domain at /, with its own robots.txt", async () => {
    const { portal } = await seed();
    await app().db.execute(sql`update portals set custom_domain = 'help.acme.test' where id = ${portal.id}`);
    const port = new URL(app().url).port;
    const get = (path: string) =>
      new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
        http.get({ host: "127.0.0.1", port, path, headers: { host: "help.acme.test" } }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
        }).on("error", reject);
      });
    const root = await get("/");
    expect(root.status).toBe(302);
    expect(root.location).toBe("/en");
    const home = await get("/en");
    expect(home.status).toBe(200);
    expect(home.body).toContain('<a href="/articles/password-reset">Password reset</a>');
    expect((await get("/robots.txt")).body).toContain("Sitemap: https://help.acme.test/sitemap.xml");
    expect((await get("/sitemap.xml")).body).toContain("<loc>https://help.acme.test/articles/password-reset</loc>");
  });
});
