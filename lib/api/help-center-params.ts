import type { ArticleUpdate } from "@/lib/help-center/article-input";
import type { CategoryUpdate } from "@/lib/help-center/categories";
import type { UploadInput } from "@/lib/help-center/files";
import type { PortalUpdate } from "@/lib/help-center/portals";
import type { ArticleBody } from "./endpoints/help-center-articles";
import type { CategoryBody } from "./endpoints/help-center-categories";
import type { PortalBody } from "./endpoints/help-center-portals";

/** Chatwoot's snake_case help-center bodies → the domain's inputs (absent stays absent: "unchanged"). */

async function upload(file: Blob | undefined): Promise<UploadInput | undefined> {
  if (!file) return undefined;
  return { fileName: file instanceof File ? file.name : "logo", contentType: file.type || "application/octet-stream", data: Buffer.from(await file.arrayBuffer()) };
}

export async function portalInputFrom(body: PortalBody): Promise<PortalUpdate> {
  return {
    name: body.name,
    slug: body.slug,
    pageTitle: body.page_title,
    headerText: body.header_text,
    color: body.color,
    homepageLink: body.homepage_link,
    customDomain: body.custom_domain,
    archived: body.archived,
    allowedLocales: body.config?.allowed_locales,
    defaultLocale: body.config?.default_locale,
    logo: await upload(body.logo),
  };
}

export function categoryInputFrom(body: CategoryBody): CategoryUpdate {
  return {
    name: body.name,
    slug: body.slug,
    locale: body.locale,
    description: body.description,
    icon: body.icon,
    position: body.position,
    parentCategoryId: body.parent_category_id,
    associatedCategoryId: body.associated_category_id,
  };
}

export function articleInputFrom(body: ArticleBody): ArticleUpdate {
  return {
    title: body.title,
    slug: body.slug,
    content: body.content,
    description: body.description,
    status: body.status as ArticleUpdate["status"],
    locale: body.locale,
    categoryId: body.category_id,
    authorId: body.author_id,
    associatedArticleId: body.associated_article_id,
    position: body.position,
    meta: body.meta,
  };
}
