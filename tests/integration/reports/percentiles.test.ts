import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, reportingEvents, reportingValueRollups } from "@/db/schema";
import { computeReportMetrics } from "@/lib/reports/metrics";
import { percentileOfRuns } from "@/lib/reports/select";
import type { ReportQuery } from "@/lib/reports/types";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();

const DAY = 86_400_000;
const SINCE = new Date("2026-03-02T00:00:00Z");
const RANGE = { since: SINCE, until: new Date(SINCE.getTime() + 10 * DAY) };
const DURATIONS = ["first_response", "reply_time", "conversation_resolved"] as const;

/**
 * A deterministic spread of durations (a long tail, some exact repeats), in eighths of a second so
 * sums are exact in binary: averages (sums from the hourly totals) then match to the bit too.
 */
function durationAt(i: number): number {
  const x = ((i * 7919) % 1000) / 1000;
  return i % 7 === 0 ? 600 : Math.round(x ** 3 * 691_200) / 8;
}

async function seedEvents(accountId: number, inboxId: number, count: number) {
  const made: Awaited<ReturnType<typeof f.createConversation>>[] = [];
  for (let c = 0; c < 6; c++) made.push(await f.createConversation(db(), accountId, inboxId, { createdAt: SINCE }));
  const rows = Array.from({ length: count }, (_, i) => {
    const end = new Date(SINCE.getTime() + ((i * 3_600_000 * 7) % (9 * DAY)) + (i % 60) * 1000);
    const value = durationAt(i);
    return {
      accountId,
      key: `test:${i}`,
      name: DURATIONS[i % 3],
      value,
      valueInBusinessHours: value * 0.375,
      inboxId,
      conversationId: made[i % made.length].id,
      eventStartTime: SINCE,
      eventEndTime: end,
    };
  });
  await db().insert(reportingEvents).values(rows);
  return made;
}

async function expectSameAsEvents(accountId: number) {
  const cases: ReportQuery[] = [
    { ...RANGE, groupBy: "day" },
    { ...RANGE, groupBy: "day", businessHours: true },
    { ...RANGE, groupBy: "hour", timeZone: "America/New_York" },
    { ...RANGE, groupBy: "week", timeZone: "Europe/Paris", businessHours: true },
    { since: new Date(SINCE.getTime() + 3 * 3_600_000), until: new Date(SINCE.getTime() + 2 * DAY), groupBy: "day" },
  ];
  for (const params of cases) {
    const fast = await computeReportMetrics(db(), accountId, params, { rollups: true });
    expect(fast).toEqual(await computeReportMetrics(db(), accountId, params, { rollups: false }));
  }
}

describe("sorted value rollups (exact medians and p90)", () => {
  it("hold each hour's duration values sorted, and give the same percentiles as the events after late events and deletes", async () => {
    const w = await f.createWorkspace(db());
    const made = await seedEvents(w.account.id, w.inbox.id, 900);
    await expectSameAsEvents(w.account.id);

    // A late event (resolved days after its day closed) into an hour that already has values,
    // with a value that already occurs there.
    const [existing] = await db()
      .select()
      .from(reportingEvents)
      .where(and(eq(reportingEvents.accountId, w.account.id), eq(reportingEvents.name, "reply_time")))
      .limit(1);
    await db().insert(reportingEvents).values({ ...existing, id: undefined, key: "late:1", createdAt: undefined });
    await expectSameAsEvents(w.account.id);

    // Deletes: single events (one occurrence of a repeated value goes, the other stays) and a
    // whole conversation's events by cascade.
    await db().delete(reportingEvents).where(eq(reportingEvents.key, "late:1"));
    await db().delete(reportingEvents).where(inArray(reportingEvents.key, ["test:0", "test:7", "test:14"]));
    await db().delete(conversations).where(eq(conversations.id, made[2].id));
    await expectSameAsEvents(w.account.id);

    // The arrays are exactly the events' values per UTC hour, sorted, plain and in business hours.
    const stored = await db()
      .select()
      .from(reportingValueRollups)
      .where(eq(reportingValueRollups.accountId, w.account.id))
      .orderBy(asc(reportingValueRollups.bucket), asc(reportingValueRollups.name));
    const expected = await db().execute<{ bucket: string; name: string; values: number[]; bh: number[] }>(sql`
      select date_trunc('hour', event_end_time, 'UTC') as bucket, name,
        array_agg(value order by value) as values, array_agg(value_in_business_hours order by value_in_business_hours) as bh
      from reporting_events where account_id = ${w.account.id} and name in ('first_response', 'reply_time', 'conversation_resolved')
      group by 1, 2 order by 1, 2`);
    const nonEmpty = stored.filter((r) => r.sortedValues.length > 0);
    expect(nonEmpty.map((r) => [r.bucket.getTime(), r.name, r.sortedValues, r.sortedValuesInBusinessHours])).toEqual(
      [...expected].map((r) => [new Date(r.bucket).getTime(), r.name, r.values.map(Number), r.bh.map(Number)]),
    );
  });

  it("select PERCENTILE.INC over many sorted runs as a sort of all their values would, repeats included", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [count, size, spread] of [[1, 5, 1000], [40, 30, 5], [300, 50, 100000], [7, 1, 3]] as const) {
      const runs = Array.from({ length: count }, () => Float64Array.from({ length: Math.floor(random() * size) }, () => Math.floor(random() * spread) / 8).sort());
      const all = Float64Array.from(runs.flatMap((r) => [...r])).sort();
      for (const p of [0, 0.1, 0.5, 0.9, 0.999, 1]) {
        const position = p * (all.length - 1);
        const [a, b] = [all[Math.floor(position)], all[Math.ceil(position)]];
        const expected = all.length === 0 ? null : a === b || Math.floor(position) === Math.ceil(position) ? a : a + (b - a) * (position - Math.floor(position));
        expect(percentileOfRuns(runs, p)).toBe(expected);
      }
    }
  });
});
