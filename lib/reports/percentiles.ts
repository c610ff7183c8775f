import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ReportingEventName } from "@/db/schema/reports";
import { percentileOfRuns } from "./select";
import type { GroupBy } from "./types";

export type Spread = { name: ReportingEventName; bucket: number | null; median: number | null; p90: number | null };

/**
 * Exact median and p90 of the account's duration events from the hourly sorted value arrays
 * (db/schema/reports.ts reportingValueRollups): the range's arrays come over in PostgreSQL's
 * binary array form (array_send, in base64: a third shorter than bytea's hex; no float text to
 * print or parse, no row per event), and each
 * bucket's percentiles are selected over its hours' sorted runs (select.ts) — no sort at all. The
 * same numbers as percentile_cont over the events (metrics.ts aggregateEvents): PERCENTILE.INC,
 * interpolated the way PostgreSQL does. Whole account only (the arrays are not per inbox), ranges
 * and buckets on whole hours (rollups.ts canUseRollups).
 */
export async function spreadFromValueRollups(
  db: DbOrTx,
  accountId: number,
  businessHours: boolean,
  range: { since: Date; until: Date },
  names: readonly ReportingEventName[],
  grouping: { groupBy: GroupBy; timeZone: string } | null,
): Promise<Spread[]> {
  const column = businessHours ? sql.raw("r.sorted_values_in_business_hours") : sql.raw("r.sorted_values");
  const period = grouping
    ? sql`extract(epoch from date_trunc(${grouping.groupBy}, r.bucket at time zone ${grouping.timeZone}) at time zone ${grouping.timeZone})::bigint`
    : sql`null::bigint`;
  const rows = await db.execute<{ name: ReportingEventName; period: string | null; data: string }>(sql`
    select r.name, ${period} as period, encode(array_send(${column}), 'base64') as data
    from reporting_value_rollups r
    where r.account_id = ${accountId}
      and r.name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
      and r.bucket >= ${range.since.toISOString()}::timestamptz and r.bucket < ${range.until.toISOString()}::timestamptz
      and cardinality(${column}) > 0`);
  const groups = new Map<string, { name: ReportingEventName; bucket: number | null; runs: Float64Array[] }>();
  const add = (name: ReportingEventName, bucket: number | null, run: Float64Array) => {
    const key = `${name}:${bucket}`;
    const group = groups.get(key) ?? { name, bucket, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  };
  for (const r of rows) {
    const run = readFloat8Array(Buffer.from(r.data, "base64")); // its line breaks are skipped
    add(r.name, null, run);
    if (grouping && r.period !== null) add(r.name, Number(r.period), run);
  }
  return [...groups.values()].map((g) => ({ name: g.name, bucket: g.bucket, median: percentileOfRuns(g.runs, 0.5), p90: percentileOfRuns(g.runs, 0.9) }));
}

/**
 * A one-dimensional float8[] without nulls in array_send's form: ndim, flags, element type, then
 * length and lower bound, then each element as a 4-byte length and 8 big-endian bytes.
 */
function readFloat8Array(data: Buffer): Float64Array {
  if (data.readInt32BE(0) === 0) return new Float64Array(0);
  const n = data.readInt32BE(12);
  const out = new Float64Array(n);
  for (let i = 0, at = 24; i < n; i++, at += 12) out[i] = data.readDoubleBE(at);
  return out;
}
