import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import type { ReportingEventName } from "@/db/schema/reports";
import { accountTimeZone, eventsFrom, eventsWhere, METRIC_EVENT, previousRange, reportFilterInput, reportQueryInput, requireReportAccess, valueColumn, type ParsedFilter } from "./filter";
import { spreadFromValueRollups } from "./percentiles";
import { canUseRollups, rollupTotals } from "./rollups";
import { isDurationMetric, REPORT_METRICS, type GroupBy, type MetricFigure, type ReportMetric, type ReportMetrics, type ReportQuery } from "./types";

type Aggregate = { name: ReportingEventName; bucket: number | null; count: number; avg: number | null; median: number | null; p90: number | null };

/**
 * The metrics of a range (avg, median, p90 and count), each with its timeseries in the report's
 * time zone and the previous period: what the overview's cards and charts and the API's
 * `/reports` and `/reports/summary` show.
 */
export async function getReportMetrics(db: DbOrTx, actor: Actor, accountId: number, params: ReportQuery): Promise<ReportMetrics> {
  await requireReportAccess(db, actor, accountId);
  return computeReportMetrics(db, accountId, params);
}

/**
 * getReportMetrics without the access check, for the benchmark: `rollups: false` computes every
 * figure straight from the events (the reference the fast path must equal).
 */
export async function computeReportMetrics(db: DbOrTx, accountId: number, params: ReportQuery, options: { rollups?: boolean } = {}): Promise<ReportMetrics> {
  const filter = parseInput(reportFilterInput, params);
  const query = parseInput(reportQueryInput, params);
  const timeZone = query.timeZone ?? (await accountTimeZone(db, accountId));
  const metrics = query.metrics ?? REPORT_METRICS;
  const names = [...new Set(metrics.map((m) => METRIC_EVENT[m]))];
  const previous = previousRange(filter);
  const grouping = query.timeseries ? { groupBy: query.groupBy, timeZone } : null;
  const fast = options.rollups !== false && canUseRollups(filter, grouping ? timeZone : null);
  const aggregate = fast ? aggregateWithRollups : aggregateEvents;
  const spread = { percentiles: query.distribution };
  const [current, before, buckets] = await Promise.all([
    aggregate(db, accountId, filter, filter, names, grouping, spread),
    aggregate(db, accountId, filter, previous, names, null, spread),
    query.timeseries ? bucketStarts(db, filter, query.groupBy, timeZone) : [],
  ]);
  const result: ReportMetrics = {
    timeZone,
    groupBy: query.groupBy,
    since: filter.since,
    until: filter.until,
    previousSince: previous.since,
    previousUntil: previous.until,
    metrics: {},
  };
  for (const metric of metrics) {
    const name = METRIC_EVENT[metric];
    const byBucket = new Map(current.filter((a) => a.name === name && a.bucket !== null).map((a) => [a.bucket, a]));
    result.metrics[metric] = {
      metric,
      current: figureOf(metric, current.find((a) => a.name === name && a.bucket === null)),
      previous: figureOf(metric, before.find((a) => a.name === name)),
      timeseries: buckets.map((timestamp) => ({ timestamp, ...figureOf(metric, byBucket.get(timestamp)) })),
    };
  }
  return result;
}

export function figureOf(metric: ReportMetric, a: Omit<Aggregate, "name" | "bucket"> | undefined): MetricFigure {
  if (!isDurationMetric(metric)) return { value: a?.count ?? 0, median: null, p90: null, count: a?.count ?? 0 };
  if (!a || a.count === 0) return { value: null, median: null, p90: null, count: 0 };
  return { value: ms(a.avg), median: ms(a.median), p90: ms(a.p90), count: a.count };
}

/** Seconds to the millisecond: what events are measured in (and no float noise like 144000.00000000003). */
const ms = (seconds: number | null): number | null => (seconds === null ? null : Math.round(Number(seconds) * 1000) / 1000);

/**
 * Count, average, median and p90 (percentile_cont: linear between the two nearest values, as a
 * spreadsheet's PERCENTILE.INC) per event name, and per bucket too when grouped.
 */
async function aggregateEvents(
  db: DbOrTx,
  accountId: number,
  filter: ParsedFilter,
  range: { since: Date; until: Date },
  names: ReportingEventName[],
  grouping: { groupBy: GroupBy; timeZone: string } | null,
  options: { percentilesOnly?: boolean; percentiles?: boolean } = {},
): Promise<Aggregate[]> {
  const v = valueColumn(filter.businessHours);
  const spread =
    options.percentiles === false
      ? sql`null::float8 as median, null::float8 as p90`
      : sql`percentile_cont(0.5) within group (order by ${v}) as median, percentile_cont(0.9) within group (order by ${v}) as p90`;
  // Only what the sort needs, so the range index answers alone (no visit to the table).
  const totals = options.percentilesOnly ? sql`0 as count, null::float8 as avg` : sql`count(*)::int as count, avg(${v})::float8 as avg`;
  const bucket = grouping
    ? sql`extract(epoch from date_trunc(${grouping.groupBy}, e.event_end_time at time zone ${grouping.timeZone}) at time zone ${grouping.timeZone})::bigint`
    : sql`null::bigint`;
  const groups = grouping ? sql`grouping sets ((e.name, bucket), (e.name))` : sql`e.name`;
  const rows = await db.execute<{ name: ReportingEventName; bucket: string | null; count: number; avg: number | null; median: number | null; p90: number | null }>(sql`
    select e.name, ${bucket} as bucket, ${totals}, ${spread}
    from ${eventsFrom(filter)}
    where ${eventsWhere(accountId, filter, range, names)}
    group by ${groups}`);
  return [...rows].map((r) => ({
    name: r.name,
    // The (name) grouping set has no bucket; an ungrouped query's rows are the totals.
    bucket: grouping && r.bucket !== null ? Number(r.bucket) : null,
    count: Number(r.count),
    avg: r.avg === null ? null : Number(r.avg),
    median: r.median === null ? null : Number(r.median),
    p90: r.p90 === null ? null : Number(r.p90),
  }));
}

const DURATION_EVENTS: readonly ReportingEventName[] = ["first_response", "reply_time", "conversation_resolved"];

/**
 * aggregateEvents' answer from the hourly rollups (counts, sums: averages) and, for durations
 * only, the median and p90 from the hourly sorted value arrays (percentiles.ts), or for an inbox
 * over its events' values (read from the range index alone).
 */
async function aggregateWithRollups(
  db: DbOrTx,
  accountId: number,
  filter: ParsedFilter,
  range: { since: Date; until: Date },
  names: ReportingEventName[],
  grouping: { groupBy: GroupBy; timeZone: string } | null,
  options: { percentiles?: boolean } = {},
): Promise<Aggregate[]> {
  const durations = options.percentiles === false ? [] : names.filter((n) => DURATION_EVENTS.includes(n));
  // Whole account: the sorted value arrays; an inbox (not in the arrays' key) sorts its events.
  const spreadOf = () =>
    filter.type === "account"
      ? spreadFromValueRollups(db, accountId, filter.businessHours, range, durations, grouping)
      : aggregateEvents(db, accountId, filter, range, durations, grouping, { percentilesOnly: true });
  const [totals, percentiles] = await Promise.all([rollupTotals(db, accountId, filter, range, names, grouping), durations.length > 0 ? spreadOf() : []]);
  const key = (a: { name: string; bucket: number | null }) => `${a.name}:${a.bucket}`;
  const spread = new Map(percentiles.map((p) => [key(p), p]));
  return totals.map((t) => {
    const p = spread.get(key(t));
    return { name: t.name, bucket: t.bucket, count: t.count, avg: t.count > 0 ? t.sum / t.count : null, median: p?.median ?? null, p90: p?.p90 ?? null };
  });
}

/** The start (unix seconds) of every bucket that meets the range, in the time zone. */
async function bucketStarts(db: DbOrTx, range: { since: Date; until: Date }, groupBy: GroupBy, timeZone: string): Promise<number[]> {
  const rows = await db.execute<{ t: string }>(sql`
    select extract(epoch from b at time zone ${timeZone})::bigint as t
    from generate_series(
      date_trunc(${groupBy}, ${range.since.toISOString()}::timestamptz at time zone ${timeZone}),
      (${range.until.toISOString()}::timestamptz - interval '1 microsecond') at time zone ${timeZone},
      ${`1 ${groupBy}`}::interval) b`);
  return [...rows].map((r) => Number(r.t));
}
