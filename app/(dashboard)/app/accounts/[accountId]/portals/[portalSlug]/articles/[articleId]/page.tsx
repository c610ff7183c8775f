import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { orNotFound, parseId } from "@/app/_server/page-data";
import { ArticleEditor } from "@/components/help-center/article-editor";
import { getArticle } from "@/lib/help-center/articles";
import { articlePublicUrl } from "@/lib/help-center/public-urls";
import { loadPortalScreen } from "../../load-portal";
import { loadEditorOptions } from "../load-editor";

export const metadata: Metadata = { title: "Edit article" };

export default async function EditArticlePage({ params }: { params: Promise<{ accountId: string; portalSlug: string; articleId: string }> }) {
  const { accountId, portalSlug, articleId } = await params;
  const { ctx, portal, base } = await loadPortalScreen(accountId, portalSlug);
  const [{ article }, options] = await Promise.all([
    orNotFound(getArticle(getDb(), ctx.actor, ctx.accountId, portal.slug, parseId(articleId))),
    loadEditorOptions(ctx, portal),
  ]);
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold text-slate-900">{article.title}</h1>
        <a href={articlePublicUrl(portal, article)} target="_blank" rel="noreferrer" className="text-sm text-brand-700 hover:underline">
          {article.status === "published" ? "View on the public site" : "Preview (signed-in only)"}
        </a>
      </div>
      <ArticleEditor
        key={article.updatedAt.toISOString()}
        accountId={ctx.accountId}
        portalSlug={portal.slug}
        base={base}
        locales={portal.allowedLocales}
        canEdit={ctx.can("knowledge_base_manage")}
        {...options}
        translations={options.translations.filter((t) => t.id !== article.id)}
        article={{
          id: article.id,
          title: article.title,
          slug: article.slug,
          description: article.description ?? "",
          content: article.content,
          status: article.status,
          locale: article.locale,
          categoryId: article.categoryId,
          authorId: article.authorId,
          associatedArticleId: article.associatedArticleId,
          meta: article.meta,
        }}
      />
    </>
  );
}
