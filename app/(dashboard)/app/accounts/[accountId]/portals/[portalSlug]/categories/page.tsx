import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { CategoryManager } from "@/components/help-center/category-manager";
import { LocaleTabs } from "@/components/help-center/locale-tabs";
import { Card, CardHeader } from "@/components/ui/card";
import { listCategories } from "@/lib/help-center/categories";
import { loadPortalScreen } from "../load-portal";

export const metadata: Metadata = { title: "Categories" };

export default async function CategoriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string; portalSlug: string }>;
  searchParams: Promise<{ locale?: string }>;
}) {
  const { accountId, portalSlug } = await params;
  const { ctx, portal, base } = await loadPortalScreen(accountId, portalSlug);
  const asked = (await searchParams).locale;
  const locale = asked && portal.allowedLocales.includes(asked) ? asked : portal.defaultLocale;
  const all = await listCategories(getDb(), ctx.actor, ctx.accountId, portal.slug);
  const here = all.filter((c) => c.category.locale === locale);
  return (
    <Card>
      <CardHeader
        title="Categories"
        description="Per locale. Link a category to the same one in other locales so readers can switch language."
        actions={<LocaleTabs href={(l) => `${base}/categories?locale=${l}`} locales={portal.allowedLocales} current={locale} />}
      />
      <CategoryManager
        accountId={ctx.accountId}
        portalSlug={portal.slug}
        locale={locale}
        canEdit={ctx.can("knowledge_base_manage")}
        categories={here.map(({ category: c, linked }) => ({
          id: c.id,
          name: c.name,
          slug: c.slug,
          description: c.description,
          icon: c.icon,
          parentCategoryId: c.parentCategoryId,
          linked: linked.map((l) => ({ id: l.id, name: l.name, locale: l.locale })),
        }))}
        otherLocales={all.filter((c) => c.category.locale !== locale).map(({ category: c }) => ({ id: c.id, name: c.name, locale: c.locale }))}
      />
    </Card>
  );
}
