import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ReportingEventName } from "@/db/schema/reports";
import { bucketOf, rollupSegments, within, type Grouping } from "./rollups";
import { percentileOfRuns } from "./select";

export type Spread = { name: ReportingEventName; bucket: number | null; median: number | null; p90: number | null };

/**
 * Exact median and p90 of the account's duration events from the sorted value rollups: the
 * range's whole UTC days from the packed daily values (db/schema/reports.ts reportingDailyValues:
 * 8 bytes a value, read as stored) when the buckets allow (rollups.ts rollupSegments), the other
 * hours from the hourly arrays (reportingValueRollups, in array_send's binary form); both in
 * base64 (a third shorter than bytea's hex; no float text to print or parse). Each bucket's
 * percentiles are selected over its days' and hours' sorted runs (select.ts) — no sort at all.
 * The same numbers as percentile_cont over the events (metrics.ts aggregateEvents):
 * PERCENTILE.INC, interpolated the way PostgreSQL does. Whole account only (the values are not
 * per inbox), ranges and buckets on whole hours (rollups.ts canUseRollups).
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
  const parts = segments.hours.map(
    (h) => sql`select name, bucket as at, false as packed, encode(array_send(${column}), 'base64') as data
      from reporting_value_rollups where ${where} and ${within(sql`bucket`, h)} and cardinality(${column}) > 0`,
  );
  if (segments.days) {
    parts.push(sql`select name, day as at, true as packed, encode(${column}, 'base64') as data
      from reporting_daily_values where ${where} and ${within(sql`day`, segments.days)} and count > 0`);
  }
  const rows = await db.execute<{ name: ReportingEventName; period: string | null; packed: boolean; data: string }>(sql`
    select r.name, ${bucketOf(sql`r.at`, grouping)} as period, r.packed, r.data from (${sql.join(parts, sql` union all `)}) r`);
  const groups = new Map<string, { name: ReportingEventName; bucket: number | null; runs: Float64Array[] }>();
  const add = (name: ReportingEventName, bucket: number | null, run: Float64Array) => {
    const key = `${name}:${bucket}`;
    const group = groups.get(key) ?? { name, bucket, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  };
  for (const r of rows) {
    const data = Buffer.from(r.data, "base64"); // its line breaks are skipped
    const run = r.packed ? readPackedFloat8(data) : readFloat8Array(data);
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

/** float8send's 8 big-endian bytes a value, one after the other: swapped in place, then viewed. */
function readPackedFloat8(data: Buffer): Float64Array {
  // A fresh aligned copy: a view needs an offset that is a multiple of 8.
  const own = Buffer.alloc(data.length);
  data.copy(own);
  own.swap64();
  return new Float64Array(own.buffer, own.byteOffset, own.length / 8);
}
