import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createArticle, deleteArticle, getArticle, updateArticle } from "@/lib/help-center/articles";
import { bulkUpdateArticles, reorderArticles } from "@/lib/help-center/bulk-articles";
import { createCategory } from "@/lib/help-center/categories";
import { listArticles } from "@/lib/help-center/list-articles";
import { createPortal } from "@/lib/help-center/portals";
import * as factories from "@/tests/factories";
import * as hc from "@/tests/factories/help-center";
import { useTestDatabase } from "@/tests/support/db";

/** Articles: slugs, statuses, translations, filters with Chatwoot's counts, bulk changes, and who may do what. */
const db = useTestDatabase();

async function setup() {
  const w = await factories.createWorkspace(db());
  const admin = { kind: "user" as const, userId: w.admin.id };
  const agent = { kind: "user" as const, userId: w.agent.id };
  const { portal } = await createPortal(db(), admin, w.account.id, { name: "Docs", allowedLocales: ["en", "fr"] });
  const en = await createCategory(db(), admin, w.account.id, portal.slug, { name: "Account" });
  const fr = await createCategory(db(), admin, w.account.id, portal.slug, { name: "Compte", locale: "fr" });
  return { ...w, admin, agent, portal, en, fr };
}

describe("articles", () => {
  it("creates a draft by the caller with a slug from the title, free in the portal across locales", async () => {
    const s = await setup();
    const first = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Reset your password", content: "# Steps", categoryId: s.en.id });
    expect(first).toMatchObject({ slug: "reset-your-password", status: "draft", locale: "en", authorId: s.admin.userId, publishedAt: null });
    const second = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Reset your password", locale: "fr" });
    expect(second.slug).toBe("reset-your-password-2");
    await expect(
      createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Explicit", slug: "reset-your-password" }),
    ).rejects.toMatchObject({ message: "Slug has already been taken in this portal" });
  });

  it("takes its locale from the category and refuses a category of another locale or portal", async () => {
    const s = await setup();
    const a = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Mot de passe", categoryId: s.fr.id });
    expect(a.locale).toBe("fr");
    await expect(createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Mixed", locale: "en", categoryId: s.fr.id })).rejects.toMatchObject({
      code: "invalid",
    });
    const { portal: other } = await createPortal(db(), s.admin, s.account.id, { name: "Other" });
    const foreign = await hc.createCategory(db(), other);
    await expect(createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "X", categoryId: foreign.id })).rejects.toMatchObject({
      message: "Category must be a category of this portal",
    });
  });

  it("publishing stamps published_at once; republishing after an edit keeps it", async () => {
    const s = await setup();
    const a = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Publish me" });
    const published = await updateArticle(db(), s.admin, s.account.id, s.portal.slug, a.id, { status: "published" });
    expect(published.publishedAt).toBeInstanceOf(Date);
    await updateArticle(db(), s.admin, s.account.id, s.portal.slug, a.id, { status: "draft" });
    const again = await updateArticle(db(), s.admin, s.account.id, s.portal.slug, a.id, { status: 1 as never, content: "edited" });
    expect(again.status).toBe("published");
    expect(again.publishedAt?.getTime()).toBe(published.publishedAt?.getTime());
    expect(again.updatedAt.getTime()).toBeGreaterThanOrEqual(published.updatedAt.getTime());
  });

  it("links translations into one group, one article per locale", async () => {
    const s = await setup();
    const en = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Invoices" });
    const fr = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Factures", locale: "fr", associatedArticleId: en.id });
    expect(fr.associatedArticleId).toBe(en.id);
    await expect(
      createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Factures 2", locale: "fr", associatedArticleId: en.id }),
    ).rejects.toMatchObject({ message: "This article already has a translation in fr" });
    await expect(updateArticle(db(), s.admin, s.account.id, s.portal.slug, fr.id, { locale: "en" })).rejects.toMatchObject({
      message: "This article already has a translation in en",
    });
    const list = await listArticles(db(), s.agent, s.account.id, s.portal.slug, { locale: "fr" });
    expect(list.items[0].translations).toEqual([expect.objectContaining({ id: en.id, locale: "en" })]);
    // Deleting the root keeps the group: the translation stands alone, nothing dangles.
    await deleteArticle(db(), s.admin, s.account.id, s.portal.slug, en.id);
    const { article } = await getArticle(db(), s.agent, s.account.id, s.portal.slug, fr.id);
    expect(article.associatedArticleId).toBeNull();
  });

  it("filters like Chatwoot (locale, category_slug, status, author, query, page) and counts per status", async () => {
    const s = await setup();
    const author = await factories.createAgent(db(), s.account.id, { role: "administrator" });
    await hc.createArticle(db(), s.portal, { title: "Password reset", categoryId: s.en.id, authorId: s.admin.userId });
    await hc.createArticle(db(), s.portal, { title: "Two-factor", status: "draft", categoryId: s.en.id, authorId: author.id });
    await hc.createArticle(db(), s.portal, { title: "Old 50% plan", status: "archived", description: "retired" });
    await hc.createArticle(db(), s.portal, { title: "Mot de passe", locale: "fr", categoryId: s.fr.id });

    const all = await listArticles(db(), s.admin, s.account.id, s.portal.slug);
    expect(all.counts).toEqual({ filtered: 4, all: 4, published: 2, draft: 1, archived: 1, mine: 1 });
    const en = await listArticles(db(), s.admin, s.account.id, s.portal.slug, { locale: "en", status: "published" });
    expect(en.items.map((i) => i.article.title)).toEqual(["Password reset"]);
    expect(en.items[0].category?.slug).toBe("account");
    expect(en.items[0].author?.id).toBe(s.admin.userId);
    expect(en.counts).toMatchObject({ filtered: 1, published: 1, draft: 1, archived: 1, all: 4 });
    const byCategory = await listArticles(db(), s.admin, s.account.id, s.portal.slug, { categorySlug: "ACCOUNT" });
    expect(byCategory.items.map((i) => i.article.title).sort()).toEqual(["Password reset", "Two-factor"]);
    const byAuthor = await listArticles(db(), s.admin, s.account.id, s.portal.slug, { authorId: author.id });
    expect(byAuthor.items.map((i) => i.article.title)).toEqual(["Two-factor"]);
    const text = await listArticles(db(), s.admin, s.account.id, s.portal.slug, { query: "50%" });
    expect(text.items.map((i) => i.article.title)).toEqual(["Old 50% plan"]);
    const page2 = await listArticles(db(), s.admin, s.account.id, s.portal.slug, { perPage: 3, page: 2 });
    expect(page2.items).toHaveLength(1);
  });

  it("bulk status, category and delete change only this portal's articles, all or nothing", async () => {
    const s = await setup();
    const a = await hc.createArticle(db(), s.portal, { status: "draft" });
    const b = await hc.createArticle(db(), s.portal, { status: "draft" });
    const { portal: other } = await createPortal(db(), s.admin, s.account.id, { name: "Other bulk" });
    const foreign = await hc.createArticle(db(), other, { status: "draft" });

    await bulkUpdateArticles(db(), s.admin, s.account.id, s.portal.slug, { action: "status", ids: [a.id, b.id], status: "published" });
    let list = await listArticles(db(), s.admin, s.account.id, s.portal.slug);
    expect(list.items.every((i) => i.article.status === "published" && i.article.publishedAt)).toBe(true);

    await bulkUpdateArticles(db(), s.admin, s.account.id, s.portal.slug, { action: "category", ids: [a.id], categoryId: s.en.id });
    await expect(
      bulkUpdateArticles(db(), s.admin, s.account.id, s.portal.slug, { action: "category", ids: [b.id], categoryId: s.fr.id }),
    ).rejects.toMatchObject({ code: "invalid" });
    await expect(
      bulkUpdateArticles(db(), s.admin, s.account.id, s.portal.slug, { action: "delete", ids: [b.id, foreign.id] }),
    ).rejects.toMatchObject({ message: "Some of the chosen articles are not in this portal" });
    await expect(bulkUpdateArticles(db(), s.agent, s.account.id, s.portal.slug, { action: "delete", ids: [b.id] })).rejects.toMatchObject({
      code: "forbidden",
    });
    await bulkUpdateArticles(db(), s.admin, s.account.id, s.portal.slug, { action: "delete", ids: [b.id] });
    list = await listArticles(db(), s.admin, s.account.id, s.portal.slug);
    expect(list.items.map((i) => [i.article.id, i.article.categoryId])).toEqual([[a.id, s.en.id]]);
  });

  it("reorders articles", async () => {
    const s = await setup();
    const a = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "A" });
    const b = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "B" });
    await reorderArticles(db(), s.admin, s.account.id, s.portal.slug, [b.id, a.id]);
    const list = await listArticles(db(), s.agent, s.account.id, s.portal.slug);
    expect(list.items.map((i) => i.article.title)).toEqual(["B", "A"]);
  });

  it("agents read drafts of their account; another account reaches none of them", async () => {
    const s = await setup();
    const stranger = await factories.createWorkspace(db());
    const draft = await createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "Secret draft" });
    expect((await getArticle(db(), s.agent, s.account.id, s.portal.slug, draft.id)).article.title).toBe("Secret draft");
    await expect(updateArticle(db(), s.agent, s.account.id, s.portal.slug, draft.id, { title: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const intruder = userActor(stranger.admin.id);
    await expect(getArticle(db(), intruder, stranger.account.id, s.portal.slug, draft.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listArticles(db(), intruder, s.account.id, s.portal.slug)).rejects.toMatchObject({ code: "not_found" });
    // Their own portal, our article id: still not found.
    const theirs = await hc.createPortal(db(), stranger.account.id);
    await expect(getArticle(db(), intruder, stranger.account.id, theirs.slug, draft.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createArticle(db(), intruder, stranger.account.id, theirs.slug, { title: "Steal", associatedArticleId: draft.id }),
    ).rejects.toMatchObject({ code: "invalid" });
  });

  it("an author must be an agent of the account; meta keeps title, description and tags", async () => {
    const s = await setup();
    const outsider = await factories.createUser(db());
    await expect(createArticle(db(), s.admin, s.account.id, s.portal.slug, { title: "X", authorId: outsider.id })).rejects.toMatchObject({
      message: "Author must be an agent of this account",
    });
    const a = await createArticle(db(), s.admin, s.account.id, s.portal.slug, {
      title: "Meta",
      authorId: s.agent.userId,
      meta: { title: "SEO title", description: "", tags: "billing, invoices , billing" },
    });
    expect(a.authorId).toBe(s.agent.userId);
    expect(a.meta).toEqual({ title: "SEO title", tags: ["billing", "invoices"] });
  });
});
