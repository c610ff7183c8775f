/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies */
import { describe, expect, it } from "vitest";
import * as portalsRoute from "@/app/api/v1/accounts/[account_id]/portals/route";
import * as portalRoute from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/route";
import * as archiveRoute from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/archive/route";
import * as logoRoute from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/logo/route";
import * as categoriesRoute from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/categories/route";
import * as categoryRoute from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/categories/[id]/route";
import * as categoriesReorder from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/categories/reorder/route";
import * as articlesRoute from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/articles/route";
import * as articleRoute from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/articles/[id]/route";
import * as articlesReorder from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/articles/reorder/route";
import * as bulkStatus from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/articles/bulk_actions/update_status/route";
import * as bulkCategory from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/articles/bulk_actions/update_category/route";
import * as bulkDelete from "@/app/api/v1/accounts/[account_id]/portals/[portal_id]/articles/bulk_actions/delete_articles/route";
import * as fileRoute from "@/app/help-center/files/[key]/[name]/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import * as factories from "@/tests/factories";
import * as hc from "@/tests/factories/help-center";
import { useTestDatabase } from "@/tests/support/db";

/** The help-center Application API with the request shapes Chatwoot's dashboard and clients send. */
const db = useTestDatabase();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Body = { json: unknown } | { form: FormData } | { urlencoded: string } | undefined;

async function req(
  handler: Handler,
  method: string,
  token: string,
  params: Record<string, string | number>,
  body?: Body,
  query = "",
): Promise<{ status: number; body: any }> {
  const headers = new Headers({ api_access_token: token });
  let payload: BodyInit | undefined;
  if (body && "json" in body) {
    headers.set("content-type", "application/json");
    payload = JSON.stringify(body.json);
  } else if (body && "form" in body) {
    payload = body.form; // fetch sets multipart/form-data with its boundary
  } else if (body && "urlencoded" in body) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    payload = body.urlencoded;
  }
  const request = new Request(`http://localhost:3000/api/v1/test${query}`, { method, headers, body: payload });
  const response = await handler(request, { params: Promise.resolve(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

describe("portals API", () => {
  it("creates a portal from a wrapped JSON body and answers in Chatwoot's shape", async () => {
    const w = await factories.createWorkspace(db());
    const a = { account_id: w.account.id };
    const created = await req(portalsRoute.POST, "POST", w.admin.apiAccessToken, a, {
      json: { portal: { name: "Handbook", slug: "handbook-api", custom_domain: "Docs.Acme.test", config: { allowed_locales: ["en", "fr"], default_locale: "en" } } },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: "Handbook",
      slug: "handbook-api",
      custom_domain: "docs.acme.test",
      color: "#1f93ff",
      archived: false,
      account_id: w.account.id,
      config: { default_locale: "en", allowed_locales: [{ code: "en", articles_count: 0 }, { code: "fr", articles_count: 0 }] },
      meta: { all_articles_count: 0, published_count: 0, draft_articles_count: 0, archived_articles_count: 0, categories_count: 0, default_locale: "en" },
    });
    const list = await req(portalsRoute.GET, "GET", w.agent.apiAccessToken, a);
    expect(list.body).toMatchObject({ payload: [{ slug: "handbook-api" }], meta: { portals_count: 1, current_page: 1 } });
    const shown = await req(portalRoute.GET, "GET", w.agent.apiAccessToken, { ...a, portal_id: "handbook-api" });
    expect(shown.body.id).toBe(created.body.id);
  });

  it("accepts a multipart form with portal[...] fields, locales as a[]= and a logo file", async () => {
    const w = await factories.createWorkspace(db());
    const a = { account_id: w.account.id };
    const form = new FormData();
    form.append("portal[name]", "Multipart docs");
    form.append("portal[slug]", "multipart-docs");
    form.append("portal[color]", "#ff0000");
    form.append("portal[archived]", "false");
    form.append("portal[config][allowed_locales][]", "en");
    form.append("portal[config][allowed_locales][]", "pt_BR");
    form.append("portal[config][default_locale]", "pt_BR");
    form.append("portal[logo]", new File([PNG], "logo.png", { type: "image/png" }));
    const created = await req(portalsRoute.POST, "POST", w.admin.apiAccessToken, a, { form });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ slug: "multipart-docs", color: "#ff0000", config: { default_locale: "pt_BR" } });
    expect(created.body.config.allowed_locales.map((l: any) => l.code)).toEqual(["en", "pt_BR"]);
    expect(created.body.logo).toMatchObject({ filename: "logo.png", file_type: "image/png", portal_id: created.body.id });

    // The logo is served publicly by its URL, as an image that cannot run as a page.
    const url = new URL(created.body.logo.file_url);
    const [, , , key, name] = url.pathname.split("/");
    const file = await fileRoute.GET(new Request(url), { params: Promise.resolve({ key, name }) });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);

    // An SVG (script-capable) is refused as a logo.
    const svg = new FormData();
    svg.append("portal[logo]", new File(["<svg onload=alert(1)>"], "x.svg", { type: "image/svg+xml" }));
    const refused = await req(portalRoute.PATCH, "PATCH", w.admin.apiAccessToken, { ...a, portal_id: "multipart-docs" }, { form: svg });
    expect(refused.status).toBe(422);

    const removed = await req(logoRoute.DELETE, "DELETE", w.admin.apiAccessToken, { ...a, portal_id: "multipart-docs" });
    expect(removed.status).toBe(200);
    expect((await req(portalRoute.GET, "GET", w.admin.apiAccessToken, { ...a, portal_id: "multipart-docs" })).body.logo).toBeUndefined();
    const gone = await fileRoute.GET(new Request(url), { params: Promise.resolve({ key, name }) });
    expect(gone.status).toBe(404);
  });

  it("updates unwrapped; slug and custom domain cannot be claimed twice; agents read only; strangers get 404", async () => {
    const w = await factories.createWorkspace(db());
    const other = await factories.createWorkspace(db());
    const a = { account_id: w.account.id };
    await hc.createPortal(db(), other.account.id, { slug: "taken-slug", customDomain: "taken.example.test" });
    const mine = await hc.createPortal(db(), w.account.id, { slug: "mine-api" });
    const p = { ...a, portal_id: mine.slug };

    const updated = await req(portalRoute.PATCH, "PATCH", w.admin.apiAccessToken, p, { json: { header_text: "How can we help?", page_title: "Help" } });
    expect(updated.body).toMatchObject({ header_text: "How can we help?", page_title: "Help", slug: "mine-api" });
    const slug = await req(portalRoute.PATCH, "PATCH", w.admin.apiAccessToken, p, { json: { portal: { slug: "taken-slug" } } });
    expect(slug).toMatchObject({ status: 422, body: { message: "Slug has already been taken" } });
    const domain = await req(portalRoute.PUT, "PUT", w.admin.apiAccessToken, p, { json: { portal: { custom_domain: "https://TAKEN.example.test/" } } });
    expect(domain).toMatchObject({ status: 422, body: { message: "Custom domain has already been taken" } });

    expect((await req(portalRoute.PATCH, "PATCH", w.agent.apiAccessToken, p, { json: { name: "Agent" } })).status).toBe(403);
    expect((await req(portalsRoute.POST, "POST", w.agent.apiAccessToken, a, { json: { name: "Agent" } })).status).toBe(403);
    expect((await req(portalRoute.GET, "GET", other.admin.apiAccessToken, { account_id: other.account.id, portal_id: mine.slug })).status).toBe(404);
    expect((await req(portalRoute.GET, "GET", other.admin.apiAccessToken, p)).status).toBe(404);

    const archived = await req(archiveRoute.PATCH, "PATCH", w.admin.apiAccessToken, p);
    expect(archived.body.archived).toBe(true);
    expect((await req(portalRoute.DELETE, "DELETE", w.admin.apiAccessToken, p)).status).toBe(200);
    expect((await req(portalRoute.GET, "GET", w.admin.apiAccessToken, p)).status).toBe(404);
  });
});

describe("categories and articles API", () => {
  async function setup() {
    const w = await factories.createWorkspace(db());
    const portal = await hc.createPortal(db(), w.account.id, { allowedLocales: ["en", "fr"] });
    return { ...w, portal, p: { account_id: w.account.id, portal_id: portal.slug } };
  }

  it("creates categories wrapped or as forms, lists per locale with linked categories, reorders", async () => {
    const s = await setup();
    const en = await req(categoriesRoute.POST, "POST", s.admin.apiAccessToken, s.p, { json: { category: { name: "Billing", slug: "billing", locale: "en", icon: "💳" } } });
    expect(en.status).toBe(200);
    expect(en.body.payload).toMatchObject({ name: "Billing", slug: "billing", locale: "en", icon: "💳", portal_id: s.portal.id, linked_categories: [] });
    const fr = await req(categoriesRoute.POST, "POST", s.admin.apiAccessToken, s.p, {
      urlencoded: `category[name]=Facturation&category[locale]=fr&category[associated_category_id]=${en.body.payload.id}`,
    });
    expect(fr.body.payload).toMatchObject({ slug: "facturation", associated_category_id: en.body.payload.id, linked_categories: [{ id: en.body.payload.id }] });
    const second = await req(categoriesRoute.POST, "POST", s.admin.apiAccessToken, s.p, { json: { name: "Account", locale: "en", position: "1" } });
    expect(second.body.payload.position).toBe(1);

    const list = await req(categoriesRoute.GET, "GET", s.agent.apiAccessToken, s.p, undefined, "?locale=en");
    expect(list.body.payload.map((c: any) => c.slug)).toEqual(["account", "billing"]);
    expect(list.body.meta).toEqual({ current_page: 1, categories_count: 2 });

    const reorder = await req(categoriesReorder.POST, "POST", s.admin.apiAccessToken, s.p, {
      json: { positions_hash: { [en.body.payload.id]: 1, [second.body.payload.id]: 2 } },
    });
    expect(reorder.status).toBe(200);
    const after = await req(categoriesRoute.GET, "GET", s.agent.apiAccessToken, s.p, undefined, "?locale=en");
    expect(after.body.payload.map((c: any) => c.slug)).toEqual(["billing", "account"]);

    const c = { ...s.p, id: second.body.payload.id };
    expect((await req(categoryRoute.PATCH, "PATCH", s.admin.apiAccessToken, c, { json: { category: { description: "Your account" } } })).body.payload.description).toBe("Your account");
    expect((await req(categoryRoute.DELETE, "DELETE", s.agent.apiAccessToken, c)).status).toBe(403);
    expect((await req(categoryRoute.DELETE, "DELETE", s.admin.apiAccessToken, c)).status).toBe(200);
    expect((await req(categoryRoute.GET, "GET", s.admin.apiAccessToken, c)).status).toBe(404);
  });

  it("articles: create with string or numeric status, filters, Chatwoot's meta counts, bulk actions and reorder", async () => {
    const s = await setup();
    const category = await hc.createCategory(db(), s.portal, { slug: "getting-started" });
    const created = await req(articlesRoute.POST, "POST", s.admin.apiAccessToken, s.p, {
      json: { article: { title: "Reset your password", content: "# Steps\n\nClick **Forgot**.", category_id: category.id, status: "published", meta: { tags: ["login"] } } },
    });
    expect(created.status).toBe(200);
    expect(created.body.payload).toMatchObject({
      title: "Reset your password",
      slug: "reset-your-password",
      status: "published",
      locale: "en",
      category: { id: category.id, slug: "getting-started" },
      author: { id: s.admin.id },
      meta: { tags: ["login"] },
      views: 0,
      portal: { slug: s.portal.slug },
    });
    expect(created.body.payload.published_at).toEqual(expect.any(Number));
    const draft = await req(articlesRoute.POST, "POST", s.admin.apiAccessToken, s.p, { json: { title: "Two-factor setup", content: "Soon", status: 0 } });
    expect(draft.body.payload.status).toBe("draft");
    const fr = await req(articlesRoute.POST, "POST", s.admin.apiAccessToken, s.p, {
      form: formOf({ "article[title]": "Réinitialiser", "article[locale]": "fr", "article[associated_article_id]": created.body.payload.id }),
    });
    expect(fr.body.payload).toMatchObject({ slug: "reinitialiser", associated_article_id: created.body.payload.id });

    const all = await req(articlesRoute.GET, "GET", s.agent.apiAccessToken, s.p);
    expect(all.body.meta).toEqual({
      current_page: 1,
      articles_count: 3,
      all_articles_count: 3,
      published_count: 1,
      draft_articles_count: 2,
      archived_articles_count: 0,
      mine_articles_count: 0,
    });
    const filtered = await req(articlesRoute.GET, "GET", s.admin.apiAccessToken, s.p, undefined, "?locale=en&category_slug=getting-started&status=published&query=password&page=1");
    expect(filtered.body.payload.map((x: any) => x.slug)).toEqual(["reset-your-password"]);
    expect(filtered.body.payload[0].associated_articles).toEqual([expect.objectContaining({ locale: "fr", slug: "reinitialiser" })]);
    expect(filtered.body.meta).toMatchObject({ articles_count: 1, mine_articles_count: 1 });
    const byAuthor = await req(articlesRoute.GET, "GET", s.admin.apiAccessToken, s.p, undefined, `?author_id=${s.admin.id}&status=draft`);
    expect(byAuthor.body.payload.map((x: any) => x.title).sort()).toEqual(["Réinitialiser", "Two-factor setup"]);

    const a = { ...s.p, id: draft.body.payload.id };
    const published = await req(articleRoute.PATCH, "PATCH", s.admin.apiAccessToken, a, { json: { article: { status: "published", category_id: category.id } } });
    expect(published.body.payload).toMatchObject({ status: "published", category_id: category.id });
    expect((await req(articleRoute.PATCH, "PATCH", s.agent.apiAccessToken, a, { json: { title: "Agent edit" } })).status).toBe(403);
    expect((await req(articleRoute.GET, "GET", s.agent.apiAccessToken, { ...s.p, id: fr.body.payload.id })).body.payload.status).toBe("draft");

    const ids = [created.body.payload.id, draft.body.payload.id];
    const archive = await req(bulkStatus.PATCH, "PATCH", s.admin.apiAccessToken, s.p, { urlencoded: `ids[]=${ids[0]}&ids[]=${ids[1]}&status=archived` });
    expect(archive.status).toBe(200);
    expect((await req(articlesRoute.GET, "GET", s.admin.apiAccessToken, s.p)).body.meta).toMatchObject({ archived_articles_count: 2, published_count: 0 });
    const uncategorised = await req(bulkCategory.PATCH, "PATCH", s.admin.apiAccessToken, s.p, { json: { ids, category_id: null } });
    expect(uncategorised.status).toBe(200);
    expect((await req(articleRoute.GET, "GET", s.admin.apiAccessToken, a)).body.payload.category).toBeNull();

    const reorder = await req(articlesReorder.POST, "POST", s.admin.apiAccessToken, s.p, { json: { positions_hash: { [ids[1]]: 1, [ids[0]]: 2 } } });
    expect(reorder.status).toBe(200);
    const order = await req(articlesRoute.GET, "GET", s.admin.apiAccessToken, s.p, undefined, "?locale=en");
    expect(order.body.payload.map((x: any) => x.id)).toEqual([ids[1], ids[0]]);

    const deleted = await req(bulkDelete.DELETE, "DELETE", s.admin.apiAccessToken, s.p, { urlencoded: `ids=${ids[0]}&ids=${ids[1]}` });
    expect(deleted.status).toBe(200);
    expect((await req(articlesRoute.GET, "GET", s.admin.apiAccessToken, s.p)).body.meta.all_articles_count).toBe(1);
  });

  it("validation errors name the fields as sent; unknown article ids are 404; another account's portal is 404", async () => {
    const s = await setup();
    const stranger = await factories.createWorkspace(db());
    const bad = await req(articlesRoute.POST, "POST", s.admin.apiAccessToken, s.p, { json: { article: { content: "no title", status: "live" } } });
    expect(bad.status).toBe(422);
    expect((await req(articleRoute.GET, "GET", s.admin.apiAccessToken, { ...s.p, id: 999999 })).status).toBe(404);
    expect((await req(articlesRoute.GET, "GET", stranger.admin.apiAccessToken, { ...s.p, account_id: stranger.account.id })).status).toBe(404);
    expect((await req(articlesRoute.GET, "GET", "not-a-token", s.p)).status).toBe(401);
  });

  it("publishes the endpoints in the OpenAPI document", () => {
    const doc = buildOpenApiDocument("http://localhost:3000") as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/v1/accounts/{account_id}/portals/{portal_id}/articles"])).toEqual(expect.arrayContaining(["get", "post"]));
    expect(doc.paths["/api/v1/accounts/{account_id}/portals/{portal_id}/categories/reorder"]).toHaveProperty("post");
  });
});

function formOf(fields: Record<string, string | number>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
  return form;
}
