import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createCategory, deleteCategory, getCategory, listCategories, reorderCategories, updateCategory } from "@/lib/help-center/categories";
import { onHelpCenterChange, type HelpCenterChange } from "@/lib/help-center/changes";
import { createPortal, deletePortal, getPortal, listPortals, updatePortal } from "@/lib/help-center/portals";
import * as factories from "@/tests/factories";
import * as hc from "@/tests/factories/help-center";
import { useTestDatabase } from "@/tests/support/db";

/** Portals and categories: who may write, what is unique across the installation, and per locale. */
const db = useTestDatabase();

async function workspace() {
  const w = await factories.createWorkspace(db());
  return { ...w, admin: { kind: "user" as const, userId: w.admin.id }, agent: userActor(w.agent.id) };
}

describe("portals", () => {
  it("an administrator creates a portal; slug, custom domain and locales are normalized", async () => {
    const w = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, {
      name: "Handbook",
      slug: "  Handbook-EN ",
      customDomain: "HTTPS://Help.Example.com:443/some/path",
      allowedLocales: ["en", "pt-br", "en"],
      defaultLocale: "pt_br",
      color: "#1f93ff",
      homepageLink: "https://example.com",
    });
    expect(portal).toMatchObject({
      slug: "handbook-en",
      customDomain: "help.example.com",
      allowedLocales: ["en", "pt_BR"],
      defaultLocale: "pt_BR",
    });
  });

  it("derives the slug from the name and puts the default locale among the allowed ones", async () => {
    const w = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Acme Help Centre", allowedLocales: ["fr"], defaultLocale: "de" });
    expect(portal.slug).toBe("acme-help-centre");
    expect(portal.defaultLocale).toBe("de");
    expect(portal.allowedLocales).toEqual(["de", "fr"]);
  });

  it("a slug or custom domain cannot be claimed twice, even by another account", async () => {
    const a = await workspace();
    const b = await workspace();
    await createPortal(db(), a.admin, a.account.id, { name: "Docs", slug: "docs-claim", customDomain: "docs.claim.test" });
    await expect(createPortal(db(), b.admin, b.account.id, { name: "Docs", slug: "DOCS-claim" })).rejects.toMatchObject({
      code: "invalid",
      message: "Slug has already been taken",
    });
    await expect(
      createPortal(db(), b.admin, b.account.id, { name: "Docs", slug: "docs-b", customDomain: "Docs.Claim.Test." }),
    ).rejects.toMatchObject({ code: "invalid", message: "Custom domain has already been taken" });
    const { portal: other } = await createPortal(db(), b.admin, b.account.id, { name: "Other", slug: "other-claim" });
    await expect(updatePortal(db(), b.admin, b.account.id, other.slug, { customDomain: "docs.claim.test:443" })).rejects.toMatchObject({
      message: "Custom domain has already been taken",
    });
  });

  it("refuses custom domains with a port, an IP address or a single label, and invalid slugs", async () => {
    const w = await workspace();
    for (const customDomain of ["help.example.com:8080", "127.0.0.1", "localhost", "user@help.example.com"]) {
      await expect(createPortal(db(), w.admin, w.account.id, { name: "X", customDomain })).rejects.toMatchObject({ code: "invalid" });
    }
    await expect(createPortal(db(), w.admin, w.account.id, { name: "X", slug: "a/b" })).rejects.toMatchObject({ code: "invalid" });
    await expect(createPortal(db(), w.admin, w.account.id, { name: "X", color: "red" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("agents read portals but cannot write; another account's portal is not found", async () => {
    const w = await workspace();
    const stranger = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Read me" });
    const listed = await listPortals(db(), w.agent, w.account.id);
    expect(listed.map((p) => p.portal.id)).toEqual([portal.id]);
    await expect(updatePortal(db(), w.agent, w.account.id, portal.slug, { name: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createPortal(db(), w.agent, w.account.id, { name: "Mine" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getPortal(db(), stranger.admin, stranger.account.id, portal.slug)).rejects.toMatchObject({ code: "not_found" });
    await expect(getPortal(db(), stranger.admin, stranger.account.id, portal.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updatePortal(db(), stranger.admin, stranger.account.id, portal.slug, { name: "Hijack" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deletePortal(db(), stranger.admin, stranger.account.id, portal.slug)).rejects.toMatchObject({ code: "not_found" });
    await expect(getPortal(db(), stranger.admin, w.account.id, portal.slug)).rejects.toMatchObject({ code: "not_found" });
  });

  it("counts articles per status, per locale and the caller's own", async () => {
    const w = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Counted", allowedLocales: ["en", "es"] });
    await hc.createArticle(db(), portal, { authorId: w.admin.userId });
    await hc.createArticle(db(), portal, { status: "draft", locale: "es" });
    await hc.createArticle(db(), portal, { status: "archived" });
    await hc.createCategory(db(), portal, { locale: "es" });
    const { counts } = await getPortal(db(), w.admin, w.account.id, portal.slug);
    expect(counts).toMatchObject({ allArticles: 3, published: 1, draft: 1, archived: 1, mine: 1, categories: 1 });
    expect(counts.locales).toEqual({ en: { articles: 2, categories: 0 }, es: { articles: 1, categories: 1 } });
  });

  it("announces changes after the commit with the old and new slug (renames drop both caches)", async () => {
    const w = await workspace();
    const seen: HelpCenterChange[] = [];
    const stop = onHelpCenterChange((c) => void seen.push(c));
    try {
      const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Renamed", slug: "before-rename", customDomain: "before.rename.test" });
      await updatePortal(db(), w.admin, w.account.id, "before-rename", { slug: "after-rename", customDomain: "" });
      expect(seen.at(-1)).toMatchObject({
        portalId: portal.id,
        kind: "portal",
        portalSlugs: ["before-rename", "after-rename"],
        customDomains: ["before.rename.test"],
      });
      const after = await getPortal(db(), w.admin, w.account.id, "after-rename");
      expect(after.portal.customDomain).toBeNull();
    } finally {
      stop();
    }
  });

  it("deleting a portal removes its categories and articles", async () => {
    const w = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Gone" });
    const category = await hc.createCategory(db(), portal);
    await hc.createArticle(db(), portal, { categoryId: category.id });
    await deletePortal(db(), w.admin, w.account.id, portal.slug);
    await expect(getPortal(db(), w.admin, w.account.id, portal.slug)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("categories", () => {
  it("slugs are unique per portal and locale; the locale must be one of the portal's", async () => {
    const w = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Cats", allowedLocales: ["en", "fr"] });
    const en = await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Getting started" });
    expect(en).toMatchObject({ slug: "getting-started", locale: "en", position: 10 });
    const fr = await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Premiers pas", slug: "getting-started", locale: "fr" });
    expect(fr.slug).toBe("getting-started");
    await expect(createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Again", slug: "getting-started" })).rejects.toMatchObject({
      message: "Slug has already been taken in this locale",
    });
    await expect(createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Deutsch", locale: "de" })).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(createCategory(db(), w.agent, w.account.id, portal.slug, { name: "Agent's" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("links the same category across locales into one group and lists it both ways", async () => {
    const w = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Linked", allowedLocales: ["en", "fr", "de"] });
    const en = await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Billing" });
    const fr = await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Facturation", locale: "fr", associatedCategoryId: en.id });
    // Linking to a member joins the group's root, so groups stay flat.
    const de = await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Abrechnung", locale: "de", associatedCategoryId: fr.id });
    expect(de.associatedCategoryId).toBe(en.id);
    const { linked } = await getCategory(db(), w.agent, w.account.id, portal.slug, fr.id);
    expect(linked.map((c) => c.locale).sort()).toEqual(["de", "en"]);
    await expect(
      createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Same locale", associatedCategoryId: en.id }),
    ).rejects.toMatchObject({ message: "A linked category must be in another locale" });
    // Deleting the root keeps the others linked.
    await deleteCategory(db(), w.admin, w.account.id, portal.slug, en.id);
    const after = await getCategory(db(), w.admin, w.account.id, portal.slug, de.id);
    expect(after.linked.map((c) => c.id)).toEqual([fr.id]);
  });

  it("refuses a parent in another locale, portal, or one that would make a cycle", async () => {
    const w = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Tree", allowedLocales: ["en", "fr"] });
    const { portal: other } = await createPortal(db(), w.admin, w.account.id, { name: "Other tree" });
    const top = await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Top" });
    const child = await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Child", parentCategoryId: top.id });
    const foreign = await createCategory(db(), w.admin, w.account.id, other.slug, { name: "Foreign" });
    const fr = await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "Haut", locale: "fr" });
    await expect(updateCategory(db(), w.admin, w.account.id, portal.slug, top.id, { parentCategoryId: child.id })).rejects.toMatchObject({
      message: "A category cannot be inside itself",
    });
    await expect(updateCategory(db(), w.admin, w.account.id, portal.slug, child.id, { parentCategoryId: foreign.id })).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(updateCategory(db(), w.admin, w.account.id, portal.slug, child.id, { parentCategoryId: fr.id })).rejects.toMatchObject({
      message: "Parent category must be in the same locale",
    });
    const [listedChild] = (await listCategories(db(), w.admin, w.account.id, portal.slug, { locale: "en" })).filter((c) => c.category.id === child.id);
    expect(listedChild.parent?.id).toBe(top.id);
  });

  it("reorders by positions or by ids in order, only within the portal", async () => {
    const w = await workspace();
    const { portal } = await createPortal(db(), w.admin, w.account.id, { name: "Order" });
    const { portal: other } = await createPortal(db(), w.admin, w.account.id, { name: "Order other" });
    const [a, b, c] = [
      await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "A" }),
      await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "B" }),
      await createCategory(db(), w.admin, w.account.id, portal.slug, { name: "C" }),
    ];
    await reorderCategories(db(), w.admin, w.account.id, portal.slug, [c.id, a.id, b.id]);
    let names = (await listCategories(db(), w.agent, w.account.id, portal.slug)).map((x) => x.category.name);
    expect(names).toEqual(["C", "A", "B"]);
    await reorderCategories(db(), w.admin, w.account.id, portal.slug, { [String(b.id)]: 1 });
    names = (await listCategories(db(), w.agent, w.account.id, portal.slug)).map((x) => x.category.name);
    expect(names).toEqual(["B", "C", "A"]);
    const foreign = await createCategory(db(), w.admin, w.account.id, other.slug, { name: "F" });
    await expect(reorderCategories(db(), w.admin, w.account.id, portal.slug, [foreign.id, a.id])).rejects.toMatchObject({ code: "invalid" });
    await expect(reorderCategories(db(), w.agent, w.account.id, portal.slug, [a.id])).rejects.toMatchObject({ code: "forbidden" });
  });
});
