import { TZDate } from "@date-fns/tz";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ReportingEventName } from "@/db/schema/reports";
import type { ParsedFilter } from "./filter";
import type { GroupBy } from "./types";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** The time zone's offsets (minutes) at both ends of the range and every week between. */
function offsetsOver(range: { since: Date; until: Date }, timeZone: string): number[] {
  const out: number[] = [];
  // A DST change moves the offset for months: a weekly sample cannot miss it.
  for (let t = range.since.getTime(); t <= range.until.getTime() + WEEK; t += WEEK) out.push(new TZDate(Math.min(t, range.until.getTime()), timeZone).getTimezoneOffset());
  return out;
}

/**
 * The fast path of the overview (db/schema/reports.ts reportingRollups): counts and sums per
 * hour, so a 90-day report reads ~2,000 rows per metric instead of every event. It answers only
 * what hourly totals can answer exactly: the whole account or one inbox (the rollup's key), a
 * range on whole hours, and buckets in a time zone whose offset is whole hours over the range.
 * Anything else (an agent, team or label; India's +5:30) reads the events (metrics.ts).
 */
export function canUseRollups(filter: Pick<ParsedFilter, "type" | "since" | "until">, timeZone: string | null): boolean {
  if (filter.type !== "account" && filter.type !== "inbox") return false;
  const hourly = (d: Date) => d.getTime() % HOUR === 0;
  if (!hourly(filter.since) || !hourly(filter.until)) return false;
  return timeZone === null || offsetsOver(filter, timeZone).every((offset) => offset % 60 === 0);
}

export type Grouping = { groupBy: GroupBy; timeZone: string } | null;

/**
 * Which rows a range (on whole hours) reads: the daily rows (reportingDailyRollups,
 * reportingDailyValues) for its whole UTC days when every bucket is made of whole UTC days —
 * no buckets at all (a range's totals, the previous period), or day/week/month buckets in a zone
 * at UTC's offset over the range — and the hourly rows for the rest (the hours before the first
 * and after the last midnight; everything, for hour buckets or a zone like New York's).
 */
export function rollupSegments(range: { since: Date; until: Date }, grouping: Grouping): { hours: { since: Date; until: Date }[]; days: { since: Date; until: Date } | null } {
  const firstDay = Math.ceil(range.since.getTime() / DAY) * DAY;
  const lastDay = Math.floor(range.until.getTime() / DAY) * DAY;
  const utcDays = grouping === null || (grouping.groupBy !== "hour" && offsetsOver(range, grouping.timeZone).every((offset) => offset === 0));
  if (firstDay >= lastDay || !utcDays) return { hours: [range], days: null };
  const hours = [
    { since: range.since, until: new Date(firstDay) },
    { since: new Date(lastDay), until: range.until },
  ].filter((h) => h.until.getTime() > h.since.getTime());
  return { hours, days: { since: new Date(firstDay), until: new Date(lastDay) } };
}

/** `column` in [since, until). */
export const within = (column: SQL, range: { since: Date; until: Date }): SQL =>
  sql`${column} >= ${range.since.toISOString()}::timestamptz and ${column} < ${range.until.toISOString()}::timestamptz`;

/** The start (unix seconds) of the zone's bucket an instant column `at` falls in. */
export const bucketOf = (at: SQL, grouping: Grouping): SQL =>
  grouping
    ? sql`extract(epoch from date_trunc(${grouping.groupBy}, ${at} at time zone ${grouping.timeZone}) at time zone ${grouping.timeZone})::bigint`
    : sql`null::bigint`;

export type RollupTotal = { name: ReportingEventName; bucket: number | null; count: number; sum: number };

/** Count and sum per event name (and per bucket of the time zone when grouped). */
export async function rollupTotals(
  db: DbOrTx,
  accountId: number,
  filter: Pick<ParsedFilter, "type" | "id" | "businessHours">,
  range: { since: Date; until: Date },
  names: readonly ReportingEventName[],
  grouping: Grouping,
): Promise<RollupTotal[]> {
  const sumColumn = filter.businessHours ? sql.raw("sum_in_business_hours") : sql.raw("sum");
  const where = sql`account_id = ${accountId} and name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
    ${filter.type === "inbox" ? sql`and inbox_id = ${filter.id ?? 0}` : sql``}`;
  const segments = rollupSegments(range, grouping);
  // The inboxes summed per hour or day first: the zone's bucket is then worked out once per hour
  // (a time zone conversion per row was most of the cost), not once per inbox.
  const read = (table: string, at: string, range: { since: Date; until: Date }) =>
    sql`select name, ${sql.raw(at)} as at, sum(count) as count, sum(${sumColumn}) as s from ${sql.raw(table)} where ${where} and ${within(sql.raw(at), range)} group by 1, 2`;
  // The whole account's hours without the inbox in the key: a tenth of the rows with ten inboxes.
  const hourly = filter.type === "inbox" ? "reporting_rollups" : "reporting_account_rollups";
  const parts = segments.hours.map((h) => read(hourly, "bucket", h));
  if (segments.days) parts.push(read("reporting_daily_rollups", "day", segments.days));
  // "period", not "bucket": GROUP BY would take a column of that name first.
  const groups = grouping ? sql`grouping sets ((r.name, period), (r.name))` : sql`r.name`;
  const rows = await db.execute<{ name: ReportingEventName; period: string | null; count: string; sum: number }>(sql`
    select r.name, ${bucketOf(sql`r.at`, grouping)} as period, sum(r.count)::bigint as count, sum(r.s)::float8 as sum
    from (${sql.join(parts, sql` union all `)}) r
    group by ${groups}
    having sum(r.count) > 0`);
  return [...rows].map((r) => ({ name: r.name, bucket: grouping && r.period !== null ? Number(r.period) : null, count: Number(r.count), sum: Number(r.sum) }));
}
