import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { optionalId } from "@/app/_server/page-data";
import { ArticleTable } from "@/components/help-center/article-table";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { listAgents } from "@/lib/accounts/agents";
import { listCategories } from "@/lib/help-center/categories";
import { listArticles } from "@/lib/help-center/list-articles";
import { loadPortalScreen } from "../load-portal";

export const metadata: Metadata = { title: "Articles" };

type Search = { status?: string; locale?: string; category?: string; author?: string; q?: string; page?: string };
const STATUSES = ["published", "draft", "archived"] as const;

export default async function ArticlesPage({ params, searchParams }: { params: Promise<{ accountId: string; portalSlug: string }>; searchParams: Promise<Search> }) {
  const { accountId, portalSlug } = await params;
  const { ctx, portal, base } = await loadPortalScreen(accountId, portalSlug);
  const s = await searchParams;
  const status = STATUSES.find((x) => x === s.status);
  const locale = s.locale && portal.allowedLocales.includes(s.locale) ? s.locale : undefined;
  const page = Math.max(1, Number(s.page) || 1);
  const db = getDb();
  const [list, categories, agents] = await Promise.all([
    listArticles(db, ctx.actor, ctx.accountId, portal.slug, {
      status,
      locale,
      categoryId: optionalId(s.category),
      authorId: optionalId(s.author),
      query: s.q?.slice(0, 200) || undefined,
      page,
    }),
    listCategories(db, ctx.actor, ctx.accountId, portal.slug),
    listAgents(db, ctx.actor, ctx.accountId),
  ]);
  const query = (changes: Partial<Search>) => {
    const q = new URLSearchParams(Object.entries({ ...s, ...changes }).filter(([, v]) => v) as [string, string][]);
    return `${base}/articles${q.size ? `?${q}` : ""}`;
  };
  const tabs = [
    { label: "All", value: undefined, count: list.counts.filtered },
    { label: "Published", value: "published", count: list.counts.published },
    { label: "Drafts", value: "draft", count: list.counts.draft },
    { label: "Archived", value: "archived", count: list.counts.archived },
  ];
  return (
    <>
      <h1 className="sr-only">Articles</h1>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Status" className="flex gap-2 text-sm">
          {tabs.map((t) => (
            <Link
              key={t.label}
              href={query({ status: t.value, page: undefined })}
              aria-current={status === t.value ? "page" : undefined}
              className={status === t.value ? "rounded-full bg-brand-600 px-3 py-1 text-white" : "rounded-full bg-slate-100 px-3 py-1 text-slate-700 hover:bg-slate-200"}
            >
              {t.label} {t.value ? <span className="tabular-nums opacity-80">{t.count}</span> : null}
            </Link>
          ))}
        </nav>
        {ctx.can("knowledge_base_manage") ? (
          <Link href={`${base}/articles/new${locale ? `?locale=${locale}` : ""}`} className={buttonClass()}>
            New article
          </Link>
        ) : null}
      </div>
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Filter articles">
        {status ? <input type="hidden" name="status" value={status} /> : null}
        <Input name="q" defaultValue={s.q} placeholder="Search title and text" aria-label="Search" className="w-56" />
        <Select name="locale" defaultValue={locale ?? ""} aria-label="Locale" className="w-32">
          <option value="">All locales</option>
          {portal.allowedLocales.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </Select>
        <Select name="category" defaultValue={s.category ?? ""} aria-label="Category" className="w-48">
          <option value="">All categories</option>
          {categories.map(({ category: c }) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.locale})
            </option>
          ))}
        </Select>
        <Select name="author" defaultValue={s.author ?? ""} aria-label="Author" className="w-44">
          <option value="">All authors</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.displayName || a.name}
            </option>
          ))}
        </Select>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      <Card>
        {list.items.length === 0 ? (
          <p className="px-5 py-10 text-center text-sm text-slate-500">No articles match.</p>
        ) : (
          <ArticleTable
            accountId={ctx.accountId}
            portalSlug={portal.slug}
            base={base}
            canEdit={ctx.can("knowledge_base_manage")}
            reorderable={optionalId(s.category) !== undefined}
            categories={categories.map(({ category: c }) => ({ id: c.id, name: c.name, locale: c.locale }))}
            rows={list.items.map((i) => ({
              id: i.article.id,
              title: i.article.title,
              status: i.article.status,
              locale: i.article.locale,
              category: i.category?.name ?? null,
              author: i.author ? i.author.displayName || i.author.name : null,
              views: i.article.views,
              position: i.article.position,
              updatedAt: i.article.updatedAt.toISOString(),
              translations: i.translations.map((t) => t.locale),
            }))}
          />
        )}
      </Card>
      <div className="flex justify-between text-sm">
        {page > 1 ? <Link href={query({ page: String(page - 1) })}>← Previous</Link> : <span />}
        {list.items.length === 25 ? <Link href={query({ page: String(page + 1) })}>Next →</Link> : null}
      </div>
    </>
  );
}
