import "../lib/load-env-files"; // .env first, as every script: BENCH_DATABASE_URL may live there
import postgres from "postgres";
import { createDb } from "@/db/client";
import { computeReportMetrics } from "@/lib/reports/metrics";
import type { ReportMetrics } from "@/lib/reports/types";
import { openBenchDatabase } from "./bench-database";
import { percentile, round } from "./measure";
import { seedReportingEvents } from "./reports-seed";

/**
 * `npm run bench:reports -- --conversations 100000 --days 90`: the Reports overview (every metric,
 * its previous period and a daily series, as the page and /reports/summary ask) over a busy
 * account's events, answered by the rollups (lib/reports/rollups.ts: daily rows for whole UTC days,
 * hourly ones at the ends; medians and p90 from the packed daily and hourly sorted values,
 * lib/reports/percentiles.ts) and by the
 * straightforward SQL over the raw events, interleaved round by round in the same run, and the
 * cards' request alone (counts and averages, no median/p90) from the rollups, and the overview in
 * New York's time zone (its days are not UTC days: hourly rows). Checks that both ways give the
 * same numbers (also in New York and for one inbox), prints p50/p95 of each and the ratio; the last line is one JSON
 * object. Bounded: --rounds (default 20) and 180 s of timing at most; loopback database only.
 */
const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const N = option("conversations", 100_000);
const DAYS = option("days", 90);
const ROUNDS = option("rounds", 20);
const MAX_MS = 180_000;

/** Every figure of a report, flattened, to compare two answers. */
function figures(report: ReportMetrics): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [metric, r] of Object.entries(report.metrics)) {
    if (!r) continue;
    for (const [part, f] of [["current", r.current], ["previous", r.previous], ...r.timeseries.map((p) => [String(p.timestamp), p] as const)] as const) {
      for (const field of ["value", "median", "p90", "count"] as const) out.set(`${metric}.${part}.${field}`, f[field]);
    }
  }
  return out;
}

function differences(a: ReportMetrics, b: ReportMetrics): string[] {
  const fa = figures(a);
  const fb = figures(b);
  const out: string[] = [];
  for (const [key, va] of fa) {
    const vb = fb.get(key);
    const same = va === vb || (va !== null && vb !== null && vb !== undefined && Math.abs(va - vb) <= 0.001);
    if (!same) out.push(`${key}: rollups ${va}, events ${vb}`);
  }
  if (fa.size !== fb.size) out.push(`${fa.size} figures against ${fb.size}`);
  return out;
}

async function main() {
  const bench = await openBenchDatabase();
  const q = postgres(bench.url, { max: 2, onnotice: () => {} });
  const handle = createDb(bench.url, { max: 4 });
  try {
    const t0 = performance.now();
    const seed = await seedReportingEvents(q, { conversations: N, days: DAYS });
    const [{ events }] = await q`select count(*)::int as events from reporting_events`;
    const [{ rollups }] = await q`select count(*)::int as rollups from reporting_rollups`;
    const [{ arrays }] = await q`select count(*)::int as arrays from reporting_hourly_values`;
    const [{ daily, days }] = await q`select (select count(*)::int from reporting_daily_rollups) as daily, (select count(*)::int from reporting_daily_values) as days`;
    const [{ inboxId }] = await q`select min(id)::int as "inboxId" from inboxes where account_id = ${seed.accountId}`;
    console.log(`seeded ${N} conversations, ${events} events (${rollups} hourly and ${daily} daily rollup rows, ${arrays} hourly and ${days} daily packed value rows) in ${round((performance.now() - t0) / 1000, 1)} s (${bench.source}, ${bench.serverVersion})`);
    const params = { since: seed.since, until: seed.until, groupBy: "day" as const, timeZone: "UTC" };
    const run = (rollups: boolean) => computeReportMetrics(handle.db, seed.accountId, params, { rollups });
    // The cards' first request: counts and averages only, from the rollups.
    const cards = () => computeReportMetrics(handle.db, seed.accountId, { ...params, distribution: false }, { rollups: true });
    // The same overview in a zone whose days are not UTC days (hourly rows for its day buckets).
    const newYork = { ...params, timeZone: "America/New_York" };
    const runNewYork = () => computeReportMetrics(handle.db, seed.accountId, newYork, { rollups: true });

    const mismatches = differences(await run(true), await run(false));
    const bh = differences(
      await computeReportMetrics(handle.db, seed.accountId, { ...params, businessHours: true }, { rollups: true }),
      await computeReportMetrics(handle.db, seed.accountId, { ...params, businessHours: true }, { rollups: false }),
    );
    mismatches.push(...bh.map((m) => `business hours ${m}`));
    mismatches.push(...differences(await cards(), await run(false)).filter((m) => !/\.(median|p90):/.test(m)).map((m) => `cards ${m}`));
    mismatches.push(...differences(await runNewYork(), await computeReportMetrics(handle.db, seed.accountId, newYork, { rollups: false })).map((m) => `New York ${m}`));
    const inbox = { ...params, type: "inbox" as const, id: inboxId };
    const inboxFast = await computeReportMetrics(handle.db, seed.accountId, inbox, { rollups: true });
    mismatches.push(...differences(inboxFast, await computeReportMetrics(handle.db, seed.accountId, inbox, { rollups: false })).map((m) => `inbox ${m}`));
    console.log(mismatches.length === 0 ? "rollups and events give the same numbers (every figure, plain and in business hours, New York's days, one inbox)" : `MISMATCH:\n${mismatches.slice(0, 20).join("\n")}`);

    const KINDS = ["rollups", "events", "cards", "new_york"] as const;
    const samples: Record<(typeof KINDS)[number], number[]> = { rollups: [], events: [], cards: [], new_york: [] };
    const deadline = performance.now() + MAX_MS;
    for (let r = 0; r < ROUNDS + 2 && performance.now() < deadline; r++) {
      for (const kind of r % 2 === 0 ? KINDS : [...KINDS].reverse()) {
        const started = performance.now();
        await (kind === "cards" ? cards() : kind === "new_york" ? runNewYork() : run(kind === "rollups"));
        if (r >= 2) samples[kind].push(performance.now() - started);
      }
    }
    const stats = Object.fromEntries(
      KINDS.map((kind) => {
        const sorted = [...samples[kind]].sort((a, b) => a - b);
        return [kind, { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) }];
      }),
    ) as Record<(typeof KINDS)[number], { n: number; p50: number; p95: number }>;
    const ratio = round(stats.rollups.p95 / stats.events.p95, 3);
    for (const kind of KINDS) console.log(`${kind.padEnd(8)} n=${stats[kind].n} p50=${stats[kind].p50} ms p95=${stats[kind].p95} ms`);
    console.log(`rollups p95 is ×${ratio} of the straightforward SQL over the events; counts and averages alone (cards) ×${round(stats.cards.p95 / stats.events.p95, 3)}`);
    console.log(JSON.stringify({ bench: "reports", conversations: N, days: DAYS, event_rows: events, rollup_rows: rollups, daily_rollup_rows: daily, hourly_value_rows: arrays, daily_value_rows: days, source: bench.source, server: bench.serverVersion, same_numbers: mismatches.length === 0, ...stats, ratio_p95: ratio, cards_ratio_p95: round(stats.cards.p95 / stats.events.p95, 3) }));
    if (mismatches.length > 0) process.exitCode = 1;
  } finally {
    await q.end({ timeout: 5 });
    await handle.sql.end({ timeout: 5 });
    await bench.close();
  }
  process.exit(process.exitCode ?? 0);
}

void main();
