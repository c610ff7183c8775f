"use server";

import { z } from "zod";
import { createArticle, updateArticle } from "@/lib/help-center/articles";
import { searchArticleLinks } from "@/lib/help-center/agent-search";
import { bulkUpdateArticles, reorderArticles } from "@/lib/help-center/bulk-articles";
import { createCategory, deleteCategory, reorderCategories, updateCategory } from "@/lib/help-center/categories";
import { appUrl } from "@/lib/env";
import { HELP_CENTER_FILES_PATH, setPortalLogo, uploadArticleImage } from "@/lib/help-center/files";
import { createPortal, deletePortal, updatePortal } from "@/lib/help-center/portals";
import { renderArticle } from "@/lib/help-center/render";
import { serverAction } from "../action";

// Shapes only: the domain validates the fields and says what is wrong.
const id = z.coerce.number().int().positive();
const portal = { accountId: id, portalSlug: z.string().min(1) };
const text = z.string().optional();
const nullableText = z.string().nullable().optional();
const nullableId = z.coerce.number().int().positive().nullable().optional();

const portalFields = z.object({
  name: text,
  slug: text,
  pageTitle: nullableText,
  headerText: nullableText,
  color: nullableText,
  homepageLink: nullableText,
  customDomain: nullableText,
  allowedLocales: z.array(z.string()).optional(),
  defaultLocale: text,
  archived: z.boolean().optional(),
});

export const createPortalAction = serverAction(z.object({ accountId: id, portal: portalFields }), async ({ db, actor }, { accountId, portal: input }) => {
  const created = await createPortal(db, actor, accountId, { ...input, name: input.name ?? "" });
  return { slug: created.portal.slug };
});

export const updatePortalAction = serverAction(z.object({ ...portal, portal: portalFields }), async ({ db, actor }, { accountId, portalSlug, portal: input }) => {
  const updated = await updatePortal(db, actor, accountId, portalSlug, input);
  return { slug: updated.portal.slug };
});

export const deletePortalAction = serverAction(z.object(portal), async ({ db, actor }, { accountId, portalSlug }) => {
  await deletePortal(db, actor, accountId, portalSlug);
  return null;
});

const upload = async (file: File) => ({ fileName: file.name, contentType: file.type, data: Buffer.from(await file.arrayBuffer()) });

/** Called with FormData: accountId, portalSlug, file (empty file or none removes the logo). */
export const setPortalLogoAction = serverAction(
  z.object({ ...portal, file: z.instanceof(File).optional() }),
  async ({ db, actor }, { accountId, portalSlug, file }) => {
    await setPortalLogo(db, actor, accountId, portalSlug, file && file.size > 0 ? await upload(file) : null);
    return null;
  },
);

/** An image dropped or chosen in the editor: stored with the portal, its URL goes into the Markdown. */
export const uploadArticleImageAction = serverAction(
  z.object({ ...portal, file: z.instanceof(File) }),
  async ({ db, actor }, { accountId, portalSlug, file }) => uploadArticleImage(db, actor, accountId, portalSlug, await upload(file)),
  { refresh: false },
);

const categoryFields = z.object({
  name: text,
  slug: text,
  locale: text,
  description: nullableText,
  icon: nullableText,
  parentCategoryId: nullableId,
  associatedCategoryId: nullableId,
});

export const createCategoryAction = serverAction(z.object({ ...portal, category: categoryFields }), async ({ db, actor }, { accountId, portalSlug, category }) => {
  const created = await createCategory(db, actor, accountId, portalSlug, { ...category, name: category.name ?? "" });
  return { id: created.id };
});

export const updateCategoryAction = serverAction(
  z.object({ ...portal, categoryId: id, category: categoryFields }),
  async ({ db, actor }, { accountId, portalSlug, categoryId, category }) => {
    await updateCategory(db, actor, accountId, portalSlug, categoryId, category);
    return null;
  },
);

export const deleteCategoryAction = serverAction(z.object({ ...portal, categoryId: id }), async ({ db, actor }, { accountId, portalSlug, categoryId }) => {
  await deleteCategory(db, actor, accountId, portalSlug, categoryId);
  return null;
});

export const reorderCategoriesAction = serverAction(z.object({ ...portal, ids: z.array(id) }), async ({ db, actor }, { accountId, portalSlug, ids }) => {
  await reorderCategories(db, actor, accountId, portalSlug, ids);
  return null;
});

/** Articles dragged into a new order: `{ [articleId]: position }` (lib/help-center/positions.ts). */
export const reorderArticlesAction = serverAction(
  z.object({ ...portal, positions: z.record(z.string().regex(/^\d+$/), z.number().int().min(0).max(1_000_000)) }),
  async ({ db, actor }, { accountId, portalSlug, positions }) => {
    await reorderArticles(db, actor, accountId, portalSlug, positions);
    return null;
  },
);

const articleFields = z.object({
  title: text,
  slug: text,
  description: nullableText,
  content: text,
  status: z.enum(["draft", "published", "archived"]).optional(),
  locale: text,
  categoryId: nullableId,
  authorId: nullableId,
  associatedArticleId: nullableId,
  meta: z.object({ title: text, description: text, tags: z.array(z.string()).optional() }).optional(),
});

export const saveArticleAction = serverAction(
  z.object({ ...portal, articleId: id.optional(), article: articleFields }),
  async ({ db, actor }, { accountId, portalSlug, articleId, article }) => {
    const saved = articleId
      ? await updateArticle(db, actor, accountId, portalSlug, articleId, article)
      : await createArticle(db, actor, accountId, portalSlug, { ...article, title: article.title ?? "" });
    return { id: saved.id, slug: saved.slug, status: saved.status };
  },
);

export const bulkArticlesAction = serverAction(
  z.object({
    ...portal,
    ids: z.array(id),
    action: z.enum(["status", "category", "delete"]),
    status: z.enum(["draft", "published", "archived"]).optional(),
    categoryId: z.coerce.number().int().positive().nullable().optional(),
  }),
  async ({ db, actor }, { accountId, portalSlug, ids, action, status, categoryId }) => {
    const input =
      action === "status"
        ? { action, ids, status: status ?? "draft" }
        : action === "category"
          ? { action, ids, categoryId: categoryId ?? null }
          : { action, ids };
    return bulkUpdateArticles(db, actor, accountId, portalSlug, input);
  },
);

/** The editor's live preview: the very renderer and sanitizer the public site uses. */
export const previewArticleAction = serverAction(
  z.object({ markdown: z.string().max(500_000) }),
  async (_ctx, { markdown }) => ({
    // The same options as the public article page: our storage on the app's origin, our own host.
    html: renderArticle(markdown, { imagePathPrefixes: [HELP_CENTER_FILES_PATH, `${appUrl()}${HELP_CENTER_FILES_PATH}`], internalHosts: [new URL(appUrl()).host] }).html,
  }),
  { refresh: false },
);

/** The composer's "insert article" search. */
export const searchArticleLinksAction = serverAction(
  z.object({ accountId: id, query: z.string().max(200) }),
  async ({ db, actor }, { accountId, query }) => searchArticleLinks(db, actor, accountId, query),
  { refresh: false },
);
