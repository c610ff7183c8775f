import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ReportingEventName } from "@/db/schema/reports";
import { bucketOf, rollupSegments, within, type Grouping } from "./rollups";
import { percentileOfRuns } from "./select";

export type Spread = { name: ReportingEventName; bucket: number | null; median: number | null; p90: number | null };

/**
 * Exact median and p90 of the account's duration events from the sorted value rollups
 * (db/schema/reports.ts reportingDailyValues, reportingHourlyValues: each UTC day's and hour's
 * values sorted and packed, 8 bytes a value, read as stored): the range's whole UTC days from the
 * daily rows when the buckets allow, the other hours from the hourly rows (rollups.ts
 * rollupSegments), in base64 (a third shorter than bytea's hex). Each bucket's percentiles are
 * selected over its sorted runs (select.ts) — no sort of the range at all. The same numbers as
 * percentile_cont over the events (metrics.ts aggregateEvents): PERCENTILE.INC, interpolated the
 * way PostgreSQL does. Whole account only (the values are not per inbox), ranges and buckets on
 * whole hours (rollups.ts canUseRollups).
 */
export async function spreadFromValueRollups(
  db: DbOrTx,
  accountId: number,
  businessHours: boolean,
  range: { since: Date; until: Date },
  names: readonly ReportingEventName[],
  grouping: Grouping,
): Promise<Spread[]> {
  const column = sql.raw(businessHours ? "sorted_values_in_business_hours" : "sorted_values");
  const where = sql`account_id = ${accountId} and name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})`;
  const segments = rollupSegments(range, grouping);
  const read = (table: string, at: string, range: { since: Date; until: Date }) =>
    sql`select name, ${sql.raw(at)} as at, encode(${column}, 'base64') as data from ${sql.raw(table)} where ${where} and ${within(sql.raw(at), range)} and count > 0`;
  const parts = segments.hours.map((h) => read("reporting_hourly_values", "hour", h));
  if (segments.days) parts.push(read("reporting_daily_values", "day", segments.days));
  const rows = await db.execute<{ name: ReportingEventName; period: string | null; data: string }>(sql`
    select r.name, ${bucketOf(sql`r.at`, grouping)} as period, r.data from (${sql.join(parts, sql` union all `)}) r`);
  const groups = new Map<string, { name: ReportingEventName; bucket: number | null; runs: Float64Array[] }>();
  const add = (name: ReportingEventName, bucket: number | null, run: Float64Array) => {
    const key = `${name}:${bucket}`;
    const group = groups.get(key) ?? { name, bucket, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  };
  for (const r of rows) {
    const data = Buffer.from(r.data, "base64"); // its line breaks are skipped
    add(r.name, grouping && r.period !== null ? Number(r.period) : null, readPackedFloat8(data));
  }
  if (!grouping) return [...groups.values()].map((g) => spreadOf(g.name, null, g.runs));
  // Each bucket's runs (a day's 24 hours in New York, say) become one sorted run, so the range's
  // figures select over one run per bucket instead of thousands of hours.
  const out: Spread[] = [];
  const totals = new Map<ReportingEventName, Float64Array[]>();
  for (const g of groups.values()) {
    const run = merged(g.runs);
    out.push(spreadOf(g.name, g.bucket, [run]));
    totals.set(g.name, [...(totals.get(g.name) ?? []), run]);
  }
  for (const [name, runs] of totals) out.push(spreadOf(name, null, runs));
  return out;
}

const spreadOf = (name: ReportingEventName, bucket: number | null, runs: Float64Array[]): Spread => ({
  name,
  bucket,
  median: percentileOfRuns(runs, 0.5),
  p90: percentileOfRuns(runs, 0.9),
});

/** Sorted runs as one sorted run (a typed array sorts numerically, natively). */
function merged(runs: Float64Array[]): Float64Array {
  if (runs.length === 1) return runs[0];
  const out = new Float64Array(runs.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of runs) {
    out.set(r, at);
    at += r.length;
  }
  return out.sort();
}

/** float8send's 8 big-endian bytes a value, one after the other: swapped in place, then viewed. */
function readPackedFloat8(data: Buffer): Float64Array {
  // A fresh aligned copy: a view needs an offset that is a multiple of 8.
  const own = Buffer.alloc(data.length);
  data.copy(own);
  own.swap64();
  return new Float64Array(own.buffer, own.byteOffset, own.length / 8);
}
