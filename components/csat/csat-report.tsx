import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { CsatMetrics, CsatResponseRow } from "@/lib/csat/report";
import { CSAT_RATINGS, RATING_EMOJI, RATING_LABELS } from "@/lib/csat/rules";
import { csatQueryString, type CsatReportQuery } from "./report-query";

type Option = { id: number; name: string };
type Props = {
  accountId: number;
  query: CsatReportQuery;
  metrics: CsatMetrics;
  responses: CsatResponseRow[];
  hasMore: boolean;
  page: number;
  options: { agents: Option[]; inboxes: Option[]; teams: Option[]; labels: string[] };
};

const percent = (v: number | null) => (v === null ? "–" : `${Math.round(v * 1000) / 10}%`);
const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** The CSAT report: filters (a plain GET form, so the view is a URL), the four figures, the distribution and the answers. */
export function CsatReport({ accountId, query, metrics, responses, hasMore, page, options }: Props) {
  const base = `/app/accounts/${accountId}/reports/csat`;
  const { page: _page, ...filters } = query;
  const download = `/api/accounts/${accountId}/csat/download?${csatQueryString(filters)}`;
  const cards = [
    { label: "Surveys sent", value: String(metrics.sent) },
    { label: "Responses", value: String(metrics.answered) },
    { label: "Response rate", value: percent(metrics.responseRate), hint: "Responses ÷ surveys sent" },
    { label: "Satisfaction score", value: percent(metrics.satisfactionScore), hint: "Share of responses rating 4 or 5" },
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-lg font-semibold text-slate-900">Customer satisfaction</h1>
        <a href={download} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50" download>
          Download CSV
        </a>
      </div>
      <form method="get" action={base} className="flex flex-wrap items-end gap-3 text-sm" aria-label="CSAT filters">
        <label className="flex flex-col gap-1 text-xs text-slate-500">
          From
          <input type="date" name="since" defaultValue={query.since} className={selectClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs text-slate-500">
          To
          <input type="date" name="until" defaultValue={query.until} className={selectClass} />
        </label>
        <Picker name="agent" label="Agent" value={query.agent} options={options.agents.map((o) => [String(o.id), o.name])} />
        <Picker name="inbox" label="Inbox" value={query.inbox} options={options.inboxes.map((o) => [String(o.id), o.name])} />
        <Picker name="team" label="Team" value={query.team} options={options.teams.map((o) => [String(o.id), o.name])} />
        <Picker name="label" label="Label" value={query.label} options={options.labels.map((l) => [l, l])} />
        <Picker name="rating" label="Rating" value={query.rating} options={CSAT_RATINGS.map((r) => [String(r), `${r} – ${RATING_LABELS[r]}`])} />
        <button type="submit" className="rounded-md bg-blue-600 px-3 py-1.5 font-semibold text-white hover:bg-blue-700">
          Apply
        </button>
      </form>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {cards.map((c) => (
          <div key={c.label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-xs font-medium text-slate-500">{c.label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{c.value}</dd>
            {c.hint ? <dd className="text-xs text-slate-400">{c.hint}</dd> : null}
          </div>
        ))}
      </dl>
      <Card>
        <CardHeader title="Ratings" description="How the responses are spread over the five ratings." />
        <ul className="space-y-2 p-5" aria-label="Ratings distribution">
          {[...CSAT_RATINGS].reverse().map((r) => {
            const n = metrics.ratings[r] ?? 0;
            const share = metrics.answered ? n / metrics.answered : 0;
            return (
              <li key={r} className="flex items-center gap-3 text-sm" aria-label={`${r} – ${RATING_LABELS[r]}: ${n} (${percent(metrics.answered ? share : null)})`}>
                <span className="w-40 shrink-0 text-slate-700">
                  <span aria-hidden="true">{RATING_EMOJI[r]} </span>
                  {r} – {RATING_LABELS[r]}
                </span>
                <span className="h-3 flex-1 rounded bg-slate-100">
                  <span className={r >= 4 ? "block h-3 rounded bg-emerald-600" : r === 3 ? "block h-3 rounded bg-amber-500" : "block h-3 rounded bg-rose-600"} style={{ width: `${share * 100}%` }} />
                </span>
                <span className="w-20 text-right text-slate-600 tabular-nums">
                  {n} · {percent(metrics.answered ? share : null)}
                </span>
              </li>
            );
          })}
        </ul>
      </Card>
      <Card>
        <CardHeader title="Responses" description="Newest first, with the customers' comments." />
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-2">Contact</th>
              <th scope="col" className="px-4 py-2">Agent</th>
              <th scope="col" className="px-4 py-2">Rating</th>
              <th scope="col" className="px-4 py-2">Comment</th>
              <th scope="col" className="px-4 py-2">Conversation</th>
              <th scope="col" className="px-4 py-2">Answered</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {responses.map((r) => (
              <tr key={r.id}>
                <td className="px-4 py-2">{r.contact.name || r.contact.email}</td>
                <td className="px-4 py-2">{r.agent ? r.agent.displayName || r.agent.name : "—"}</td>
                <td className="px-4 py-2 whitespace-nowrap" data-rating={r.rating}>
                  <span aria-hidden="true">{RATING_EMOJI[r.rating]} </span>
                  {r.rating} of 5
                </td>
                <td className="max-w-md px-4 py-2 whitespace-pre-wrap text-slate-700">{r.feedbackMessage ?? ""}</td>
                <td className="px-4 py-2">
                  <Link href={`/app/accounts/${accountId}/conversations/${r.conversationDisplayId}`} className="text-blue-700 hover:underline">
                    #{r.conversationDisplayId}
                  </Link>
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-500">
                  <LocalTime date={r.ratedAt} pattern="MMM d, yyyy" />
                </td>
              </tr>
            ))}
            {responses.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-3 text-slate-500">
                  No responses in this period.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {page > 1 || hasMore ? (
          <nav aria-label="Pages" className="flex justify-between border-t border-slate-200 px-4 py-2 text-sm">
            {page > 1 ? <Link href={`${base}?${csatQueryString({ ...filters, page: String(page - 1) })}`}>← Newer</Link> : <span />}
            {hasMore ? <Link href={`${base}?${csatQueryString({ ...filters, page: String(page + 1) })}`}>Older →</Link> : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}

function Picker({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <label className="flex flex-col gap-1 text-xs text-slate-500">
      {label}
      <select name={name} defaultValue={value ?? ""} className={selectClass}>
        <option value="">All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
