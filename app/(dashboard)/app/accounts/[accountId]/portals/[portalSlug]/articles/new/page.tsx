import type { Metadata } from "next";
import { ArticleEditor } from "@/components/help-center/article-editor";
import { loadPortalScreen } from "../../load-portal";
import { loadEditorOptions } from "../load-editor";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string; portalSlug: string }>;
  searchParams: Promise<{ locale?: string }>;
}) {
  const { accountId, portalSlug } = await params;
  const { ctx, portal, base } = await loadPortalScreen(accountId, portalSlug);
  const asked = (await searchParams).locale;
  const options = await loadEditorOptions(ctx, portal);
  return (
    <>
      <h1 className="text-lg font-semibold text-slate-900">New article</h1>
      <ArticleEditor
        accountId={ctx.accountId}
        portalSlug={portal.slug}
        base={base}
        locales={portal.allowedLocales}
        canEdit={ctx.can("knowledge_base_manage")}
        {...options}
        article={{
          title: "",
          slug: "",
          description: "",
          content: "",
          status: "draft",
          locale: asked && portal.allowedLocales.includes(asked) ? asked : portal.defaultLocale,
          categoryId: null,
          authorId: ctx.userId,
          associatedArticleId: null,
          meta: {},
        }}
      />
    </>
  );
}
