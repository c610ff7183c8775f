import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { loadAccountContext } from "@/app/_server/account-context";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { Card, CardHeader } from "@/components/ui/card";
import { loadHelpCenterInsights } from "@/lib/help-center/public";
import { listPortals } from "@/lib/help-center/portals";

export const metadata: Metadata = { title: "Help center insights" };

type Props = { params: Promise<{ accountId: string }>; searchParams: Promise<{ portal?: string; days?: string }> };

/** What readers searched for without finding anything, and the articles they found least helpful (administrators). */
export default async function HelpCenterInsightsPage({ params, searchParams }: Props) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("knowledge_base_manage")) return <AdminOnlyNotice />;
  const query = await searchParams;
  const portals = (await listPortals(getDb(), ctx.actor, ctx.accountId)).map((p) => p.portal);
  const selected = portals.find((p) => p.slug === query.portal) ?? portals[0];
  if (!selected) {
    return (
      <Card>
        <CardHeader title="Help center insights" description="Create a portal first: insights appear once readers search and vote." />
      </Card>
    );
  }
  const days = Number(query.days) || 30;
  const insights = await loadHelpCenterInsights(getDb(), ctx.actor, ctx.accountId, { portalSlug: selected.slug, days });
  const base = `/app/accounts/${ctx.accountId}/help-center-insights`;
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-6">
      <h1 className="text-xl font-semibold">Help center insights</h1>
      {portals.length > 1 ? (
        <nav aria-label="Portals" className="flex flex-wrap gap-3 text-sm">
          {portals.map((p) => (
            <Link key={p.id} href={`${base}?portal=${encodeURIComponent(p.slug)}`} aria-current={p.id === selected.id ? "page" : undefined} className={p.id === selected.id ? "font-semibold" : "text-blue-700 underline"}>
              {p.name}
            </Link>
          ))}
        </nav>
      ) : null}
      <Card>
        <CardHeader title="Searches that found nothing" description={`${insights.portal.name}, last ${insights.days} days: write the article readers are looking for.`} />
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-500 uppercase">
            <tr><th scope="col" className="px-4 py-2">Search</th><th scope="col" className="px-4 py-2">Locale</th><th scope="col" className="px-4 py-2">Times</th><th scope="col" className="px-4 py-2">Last</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {insights.failedSearches.map((s) => (
              <tr key={`${s.locale}:${s.query}`}><td className="px-4 py-2">{s.query}</td><td className="px-4 py-2">{s.locale}</td><td className="px-4 py-2">{s.count}</td><td className="px-4 py-2">{s.lastSearchedAt.toISOString().slice(0, 10)}</td></tr>
            ))}
            {insights.failedSearches.length === 0 ? <tr><td colSpan={4} className="px-4 py-3 text-slate-500">No unanswered searches.</td></tr> : null}
          </tbody>
        </table>
      </Card>
      <Card>
        <CardHeader title="Least helpful articles" description="Articles readers voted “No” on, by share of “No” votes." />
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-500 uppercase">
            <tr><th scope="col" className="px-4 py-2">Article</th><th scope="col" className="px-4 py-2">Helpful</th><th scope="col" className="px-4 py-2">Not helpful</th><th scope="col" className="px-4 py-2">Views</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {insights.leastHelpful.map((a) => (
              <tr key={a.id}>
                <td className="px-4 py-2"><a className="text-blue-700 underline" href={`/hc/${encodeURIComponent(insights.portal.slug)}/articles/${encodeURIComponent(a.slug)}`}>{a.title}</a> <span className="text-slate-500">({a.locale})</span></td>
                <td className="px-4 py-2">{a.helpful}</td><td className="px-4 py-2">{a.notHelpful}</td><td className="px-4 py-2">{a.views}</td>
              </tr>
            ))}
            {insights.leastHelpful.length === 0 ? <tr><td colSpan={4} className="px-4 py-3 text-slate-500">No “not helpful” votes yet.</td></tr> : null}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
