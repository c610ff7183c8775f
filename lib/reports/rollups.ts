import { TZDate } from "@date-fns/tz";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ReportingEventName } from "@/db/schema/reports";
import type { ParsedFilter } from "./filter";
import type { GroupBy } from "./types";

/**
 * The fast path of the overview (db/schema/reports.ts reportingRollups): counts and sums per
 * hour, so a 90-day report reads ~2,000 rows per metric instead of every event. It answers only
 * what hourly totals can answer exactly: the whole account or one inbox (the rollup's key), a
 * range on whole hours, and buckets in a time zone whose offset is whole hours over the range.
 * Anything else (an agent, team or label; India's +5:30) reads the events (metrics.ts).
 */
export function canUseRollups(filter: Pick<ParsedFilter, "type" | "since" | "until">, timeZone: string | null): boolean {
  if (filter.type !== "account" && filter.type !== "inbox") return false;
  const hourly = (d: Date) => d.getTime() % 3_600_000 === 0;
  if (!hourly(filter.since) || !hourly(filter.until)) return false;
  if (timeZone === null) return true;
  // Offsets at both ends and every ~week between (a DST change moves it by whole hours, or not).
  for (let t = filter.since.getTime(); t <= filter.until.getTime() + 604_800_000; t += 604_800_000) {
    const at = Math.min(t, filter.until.getTime());
    if (new TZDate(at, timeZone).getTimezoneOffset() % 60 !== 0) return false;
  }
  return true;
}

export type RollupTotal = { name: ReportingEventName; bucket: number | null; count: number; sum: number };

/** Count and sum per event name (and per bucket of the time zone when grouped). */
export async function rollupTotals(
  db: DbOrTx,
  accountId: number,
  filter: Pick<ParsedFilter, "type" | "id" | "businessHours">,
  range: { since: Date; until: Date },
  names: readonly ReportingEventName[],
  grouping: { groupBy: GroupBy; timeZone: string } | null,
): Promise<RollupTotal[]> {
  const sumColumn = filter.businessHours ? sql.raw("r.sum_in_business_hours") : sql.raw("r.sum");
  const bucket = grouping
    ? sql`extract(epoch from date_trunc(${grouping.groupBy}, r.bucket at time zone ${grouping.timeZone}) at time zone ${grouping.timeZone})::bigint`
    : sql`null::bigint`;
  // "period", not "bucket": GROUP BY would take r.bucket (the hour) for that name.
  const groups = grouping ? sql`grouping sets ((r.name, period), (r.name))` : sql`r.name`;
  const rows = await db.execute<{ name: ReportingEventName; period: string | null; count: string; sum: number }>(sql`
    select r.name, ${bucket} as period, sum(r.count)::bigint as count, sum(${sumColumn})::float8 as sum
    from reporting_rollups r
    where r.account_id = ${accountId}
      and r.name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
      and r.bucket >= ${range.since.toISOString()}::timestamptz and r.bucket < ${range.until.toISOString()}::timestamptz
      ${filter.type === "inbox" ? sql`and r.inbox_id = ${filter.id ?? 0}` : sql``}
    group by ${groups}
    having sum(r.count) > 0`);
  return [...rows].map((r) => ({ name: r.name, bucket: grouping && r.period !== null ? Number(r.period) : null, count: Number(r.count), sum: Number(r.sum) }));
}
