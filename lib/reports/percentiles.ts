import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ReportingEventName } from "@/db/schema/reports";
import type { GroupBy } from "./types";

export type Spread = { name: ReportingEventName; bucket: number | null; median: number | null; p90: number | null };

/**
 * Exact median and p90 of the account's duration events from the hourly sorted value arrays
 * (db/schema/reports.ts reportingValueRollups): the arrays of the range come over as text (about
 * 10 bytes a value, no per-event row), and each bucket's values are sorted here as one
 * Float64Array — no sort of the events in the database. The same numbers as percentile_cont over
 * the events (metrics.ts aggregateEvents): PERCENTILE.INC, interpolated the way PostgreSQL does.
 * Whole account only (the arrays are not per inbox), ranges and buckets on whole hours
 * (rollups.ts canUseRollups).
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
  const rows = await db.execute<{ name: ReportingEventName; period: string | null; n: number; values: string }>(sql`
    select r.name, ${period} as period, cardinality(${column}) as n, ${column}::text as values
    from reporting_value_rollups r
    where r.account_id = ${accountId}
      and r.name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
      and r.bucket >= ${range.since.toISOString()}::timestamptz and r.bucket < ${range.until.toISOString()}::timestamptz
      and cardinality(${column}) > 0`);
  const groups = new Map<string, { name: ReportingEventName; bucket: number | null; parts: Float64Array[] }>();
  const add = (name: ReportingEventName, bucket: number | null, part: Float64Array) => {
    const key = `${name}:${bucket}`;
    const group = groups.get(key) ?? { name, bucket, parts: [] };
    group.parts.push(part);
    groups.set(key, group);
  };
  for (const r of rows) {
    const part = parseFloat8Array(r.values, Number(r.n));
    add(r.name, null, part);
    if (grouping && r.period !== null) add(r.name, Number(r.period), part);
  }
  return [...groups.values()].map((g) => {
    const sorted = concat(g.parts).sort();
    return { name: g.name, bucket: g.bucket, median: percentileInc(sorted, 0.5), p90: percentileInc(sorted, 0.9) };
  });
}

/** A float8[]'s text, `{1.5,300,...}` (PostgreSQL writes the shortest exact form: Number reads it back exactly). */
function parseFloat8Array(text: string, n: number): Float64Array {
  const out = new Float64Array(n);
  let i = 0;
  let start = 1; // after "{"
  for (let j = 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 44 /* , */ || c === 125 /* } */) {
      out[i++] = Number(text.slice(start, j));
      start = j + 1;
    }
  }
  return out;
}

function concat(parts: Float64Array[]): Float64Array {
  if (parts.length === 1) return parts[0].slice();
  const out = new Float64Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** percentile_cont(p) of sorted values: PostgreSQL's first/second row and lerp, to the same bits. */
export function percentileInc(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  if (first === second) return sorted[first];
  return sorted[first] + (sorted[second] - sorted[first]) * (position - first);
}
