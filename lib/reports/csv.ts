import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { dayIn } from "@/lib/reports/time-zone";
import { accountTimeZone } from "./filter";
import { getReportSummary } from "./summary";
import type { MetricFigure, SummaryDimension, SummaryQuery, SummaryRow } from "./types";

/**
 * The Reports CSVs (Chatwoot's /reports/agents|inboxes|labels|teams): its period line, headers and
 * readable durations first, so spreadsheets made for Chatwoot's files still read them, then the
 * exact figures in seconds (average, median, p90) that its files lack. Same filters as the screen,
 * business hours included: the rows are getReportSummary's.
 */
export async function reportCsv(db: DbOrTx, actor: Actor, accountId: number, params: SummaryQuery & { timeZone?: string }): Promise<string> {
  const rows = await getReportSummary(db, actor, accountId, params);
  // The period's days as the screen names them: in the account's reporting zone (or the request's).
  const zone = params.timeZone ?? (await accountTimeZone(db, accountId));
  const day = (d: Date) => dayIn(d, zone);
  const { head, cells } = COLUMNS[params.dimension];
  const exact = ["First response time", "Resolution time", "Reply time"].flatMap((name) => [`${name} avg (s)`, `${name} median (s)`, `${name} p90 (s)`]);
  const lines = [
    csvLine([`Reporting period ${day(params.since)} to ${day(params.until)}`]),
    "",
    csvLine([...head, ...exact]),
    ...rows.map((row) => csvLine([...cells(row), ...[row.firstResponseTime, row.resolutionTime, row.replyTime].flatMap(seconds)])),
  ];
  return `${lines.join("\n")}\n`;
}

const COLUMNS: Record<SummaryDimension, { head: string[]; cells: (row: SummaryRow) => (string | number)[] }> = {
  agent: {
    head: ["Agent name", "Assigned conversations", "Avg first response time", "Avg resolution time", "Resolution Count", "Avg customer waiting time"],
    cells: (r) => [r.name, r.conversationsCount, readable(r.firstResponseTime.value), readable(r.resolutionTime.value), r.resolutionsCount, readable(r.replyTime.value)],
  },
  inbox: {
    head: ["Inbox name", "Inbox type", "No. of conversations", "Avg first response time", "Avg resolution time"],
    cells: (r) => [r.name, CHANNEL_NAMES[r.detail ?? ""] ?? r.detail ?? "", r.conversationsCount, readable(r.firstResponseTime.value), readable(r.resolutionTime.value)],
  },
  label: {
    head: ["Label", "No. of conversations", "Avg first response time", "Avg resolution time", "Avg reply time", "Resolution Count"],
    cells: (r) => [r.name, r.conversationsCount, readable(r.firstResponseTime.value), readable(r.resolutionTime.value), readable(r.replyTime.value), r.resolutionsCount],
  },
  team: {
    head: ["Team name", "Conversations count", "Avg first response time", "Avg resolution time", "Resolution Count", "Avg customer waiting time"],
    cells: (r) => [r.name, r.conversationsCount, readable(r.firstResponseTime.value), readable(r.resolutionTime.value), r.resolutionsCount, readable(r.replyTime.value)],
  },
};

/** Chatwoot's channel names (Channel::Api#name, Channel::Email#name). */
const CHANNEL_NAMES: Record<string, string> = { api: "API", email: "Email" };

const seconds = (f: MetricFigure): (number | string)[] => [f.value ?? "", f.median ?? "", f.p90 ?? ""];


/** Chatwoot's readable duration: the two largest units ("2 days 18 hours"), "--" when there is none. */
export function readable(value: number | null): string {
  const total = value === null ? 0 : Math.trunc(value);
  if (total === 0) return "--";
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), "day"],
    [Math.floor((total % 86_400) / 3600), "hour"],
    [Math.floor((total % 3600) / 60), "minute"],
    [total % 60, "second"],
  ];
  return parts
    .filter(([n]) => n !== 0)
    .slice(0, 2)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? "" : "s"}`)
    .join(" ");
}

/** One RFC 4180 line; a cell a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
export function csvLine(cells: readonly (string | number)[]): string {
  return cells
    .map((cell) => {
      let text = String(cell);
      if (typeof cell === "string" && text !== "--" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
      return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",");
}
