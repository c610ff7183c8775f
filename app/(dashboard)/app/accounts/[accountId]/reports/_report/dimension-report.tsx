import Link from "next/link";
import type { AccountContext } from "@/app/_server/account-context";
import { metricConversationsHref } from "@/components/reports/conversation-links";
import { DownloadLink, downloadHref } from "@/components/reports/download-link";
import { formatValue, type MetricKind } from "@/components/reports/format";
import { MetricCards, MetricCharts } from "@/components/reports/metric-cards";
import { ReportControls } from "@/components/reports/report-controls";
import { rangeLabel, reportSearch } from "@/components/reports/report-query";
import { SortableTable, type SortableCell } from "@/components/reports/sortable-table";
import type { SummaryDimension, SummaryRow } from "@/lib/reports";
import { loadDimensionReport } from "./load-dimension";
import type { SearchParams } from "./load-report";

/** Each report's words and path (Chatwoot's dashboard paths). */
export const DIMENSIONS: Record<SummaryDimension, { path: string; one: string; all: string; title: string }> = {
  agent: { path: "agent", one: "Agent", all: "All agents", title: "Agents" },
  inbox: { path: "inboxes", one: "Inbox", all: "All inboxes", title: "Inboxes" },
  team: { path: "teams", one: "Team", all: "All teams", title: "Teams" },
  label: { path: "label", one: "Label", all: "All labels", title: "Labels" },
};

type Column = { label: string; metric: string; kind: MetricKind; value: (row: SummaryRow) => number | null };
/** The table's figures: the counts, then each duration's average, median and p90. */
const COLUMNS: Column[] = [
  { label: "Conversations", metric: "conversations_count", kind: "count", value: (r) => r.conversationsCount },
  { label: "Incoming messages", metric: "incoming_messages_count", kind: "count", value: (r) => r.incomingMessagesCount },
  { label: "Outgoing messages", metric: "outgoing_messages_count", kind: "count", value: (r) => r.outgoingMessagesCount },
  { label: "Resolutions", metric: "resolutions_count", kind: "count", value: (r) => r.resolutionsCount },
  ...(
    [
      ["First response", "avg_first_response_time", (r: SummaryRow) => r.firstResponseTime],
      ["Resolution time", "avg_resolution_time", (r: SummaryRow) => r.resolutionTime],
      ["Reply time", "reply_time", (r: SummaryRow) => r.replyTime],
    ] as const
  ).flatMap(([label, metric, figure]): Column[] => [
    { label: `${label} avg`, metric, kind: "duration", value: (r) => figure(r).value },
    { label: `${label} median`, metric, kind: "duration", value: (r) => figure(r).median },
    { label: `${label} p90`, metric, kind: "duration", value: (r) => figure(r).p90 },
  ]),
];

const link = "text-brand-700 underline-offset-2 hover:underline";

/**
 * Reports → Agents / Inboxes / Teams / Labels: pick one (its cards and charts) or see the table of
 * all; the table sorts by any column and every figure links to the conversations behind it.
 */
export async function DimensionReport({ ctx, params, dimension }: { ctx: AccountContext; params: SearchParams; dimension: SummaryDimension }) {
  const words = DIMENSIONS[dimension];
  const { view, rows, picked, metrics } = await loadDimensionReport(ctx, params, dimension);
  const { query } = view;
  const base = `/app/accounts/${ctx.accountId}/reports/${words.path}`;
  const span = { since: view.since, until: view.until, businessHours: query.businessHours };
  const cell = (row: SummaryRow, column: Column): SortableCell => {
    const value = column.value(row);
    const text = formatValue(column.kind, value);
    const href = metricConversationsHref(ctx.accountId, { metric: column.metric, scope: { type: dimension, id: row.id }, businessHours: query.businessHours, since: view.since, until: view.until });
    return { sort: value, display: value === null || value === 0 ? text : <Link href={href} className={link}>{text}</Link> };
  };
  return (
    <>
      <h1 className="sr-only">{words.title}</h1>
      <ReportControls
        key={reportSearch(query)}
        action={base}
        query={query}
        download={
          <div className="flex flex-wrap gap-2">
            {picked ? (
              <DownloadLink href={downloadHref(ctx.accountId, { scope: { type: dimension, id: picked.id }, groupBy: query.groupBy, ...span })}>{`Download ${picked.name}'s figures`}</DownloadLink>
            ) : null}
            <DownloadLink href={downloadHref(ctx.accountId, { table: dimension, ...span })}>{`Download ${words.title.toLowerCase()} CSV`}</DownloadLink>
          </div>
        }
        picker={
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            {words.one}
            <select name="id" defaultValue={picked ? String(picked.id) : ""} className="h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-800">
              <option value="">{words.all}</option>
              {rows.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        }
      />
      <h2 className="text-base font-semibold text-slate-900">
        {picked ? picked.name : words.all}
        <span className="font-normal text-slate-500">
          {" "}
          · {rangeLabel(query)} · {query.businessHours ? "business hours only" : "all hours"} · {view.timeZone}
        </span>
      </h2>
      {metrics ? (
        <>
          <MetricCards metrics={metrics} />
          <MetricCharts metrics={metrics} />
        </>
      ) : null}
      <section aria-label={`${words.title} table`} className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <SortableTable
          caption={`${words.title}: figures for ${rangeLabel(query)}`}
          columns={[{ label: words.one }, ...COLUMNS.map((c) => ({ label: c.label, numeric: true }))]}
          rows={rows.map((row) => ({
            key: String(row.id),
            cells: [
              {
                sort: row.name,
                display: (
                  <Link href={`${base}${reportSearch(query, { id: row.id })}`} className={link}>
                    {row.name}
                  </Link>
                ),
              },
              ...COLUMNS.map((c) => cell(row, c)),
            ],
          }))}
        />
      </section>
    </>
  );
}
