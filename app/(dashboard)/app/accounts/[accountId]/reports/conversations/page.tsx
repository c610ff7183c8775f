import type { Metadata } from "next";
import Link from "next/link";
import { loadAccountContext } from "@/app/_server/account-context";
import { formatValue } from "@/components/reports/format";
import { METRIC_LABELS } from "@/components/reports/metric-view";
import { instantLabel } from "@/components/reports/time-zone";
import { Alert } from "@/components/ui/alert";
import { isDurationMetric } from "@/lib/reports";
import { loadDrilldown, parseDrilldown } from "../_report/load-drilldown";
import type { SearchParams } from "../_report/load-report";

export const metadata: Metadata = { title: "Reports — conversations" };

type Props = { params: Promise<{ accountId: string }>; searchParams: Promise<SearchParams> };

const link = "text-brand-700 underline-offset-2 hover:underline";

/**
 * The conversations behind a report's number: those whose events make the figure, for the same
 * scope, span and business-hours switch, each with how many of its events count and their value.
 */
export default async function ReportConversationsPage({ params, searchParams }: Props) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("report_manage")) return null;
  const raw = await searchParams;
  const d = parseDrilldown(raw);
  if (!d) return <Alert tone="info">This link does not name a report figure. Open a report and click a number.</Alert>;
  const { page, inboxName, agentName, scopeName, timeZone } = await loadDrilldown(ctx, d);
  const when = (at: Date) => instantLabel(at, timeZone);
  const label = METRIC_LABELS[d.metric] ?? d.metric;
  const duration = isDurationMetric(d.metric);
  const next = page.nextCursor ? `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)])), cursor: page.nextCursor })}` : null;
  const conversationHref = (displayId: number) => `/app/accounts/${ctx.accountId}/conversations/${displayId}`;
  return (
    <>
      <h1 className="text-lg font-semibold text-slate-900">
        {label}
        {scopeName ? ` — ${scopeName}` : null}
      </h1>
      <p className="text-sm text-slate-600">
        Conversations whose events make this figure, {when(d.from)} to {when(d.to)} ({timeZone})
        {d.business_hours ? ", business hours only" : ""}.
      </p>
      <section aria-label="Conversations behind the figure" className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Conversation</th>
              <th scope="col" className="px-4 py-2">Inbox</th>
              <th scope="col" className="px-4 py-2">Assignee</th>
              <th scope="col" className="px-4 py-2">Status</th>
              <th scope="col" className="px-4 py-2 text-right">Events counted</th>
              {duration ? <th scope="col" className="px-4 py-2 text-right">Average value</th> : null}
              <th scope="col" className="px-4 py-2">Last counted</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.conversations.map((c) => (
              <tr key={c.id}>
                <td className="px-4 py-2">
                  <Link href={conversationHref(c.displayId)} className={link}>
                    #{c.displayId}
                  </Link>
                </td>
                <td className="px-4 py-2">{inboxName.get(c.inboxId) ?? "—"}</td>
                <td className="px-4 py-2">{c.assigneeId === null ? "Unassigned" : (agentName.get(c.assigneeId) ?? "—")}</td>
                <td className="px-4 py-2 capitalize">{c.status}</td>
                <td className="px-4 py-2 text-right tabular-nums">{c.events}</td>
                {duration ? <td className="px-4 py-2 text-right tabular-nums">{formatValue("duration", c.value)}</td> : null}
                <td className="px-4 py-2">{when(c.at)}</td>
              </tr>
            ))}
            {page.conversations.length === 0 ? (
              <tr>
                <td colSpan={duration ? 7 : 6} className="px-4 py-3 text-slate-500">
                  No conversations make this figure.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      {next ? (
        <Link href={next} className={link}>
          Next page
        </Link>
      ) : null}
    </>
  );
}
