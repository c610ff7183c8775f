import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, reportingDailyRollups, reportingDailyValues, reportingEvents, reportingHourlyValues } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
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

/** Packed float8send values (8 big-endian bytes each) back to numbers. */
const unpack = (data: Buffer): number[] => Array.from({ length: data.length / 8 }, (_, i) => data.readDoubleBE(i * 8));

/** The hourly and daily (UTC) rows hold exactly the events' sorted values (and daily totals). */
async function expectValueRowsMatchEvents(accountId: number) {
  const hours = await db()
    .select()
    .from(reportingHourlyValues)
    .where(eq(reportingHourlyValues.accountId, accountId))
    .orderBy(asc(reportingHourlyValues.hour), asc(reportingHourlyValues.name));
  const expectedHours = await db().execute<{ hour: string; name: string; values: number[]; bh: number[] }>(sql`
    select date_trunc('hour', event_end_time, 'UTC') as hour, name,
      array_agg(value order by value) as values, array_agg(value_in_business_hours order by value_in_business_hours) as bh
    from reporting_events where account_id = ${accountId} and name in ('first_response', 'reply_time', 'conversation_resolved')
    group by 1, 2 order by 1, 2`);
  expect(hours.filter((r) => r.count > 0).map((r) => [r.hour.getTime(), r.name, r.count, unpack(r.sortedValues), unpack(r.sortedValuesInBusinessHours)])).toEqual(
    [...expectedHours].map((r) => [new Date(r.hour).getTime(), r.name, r.values.length, r.values.map(Number), r.bh.map(Number)]),
  );
  const values = await db()
    .select()
    .from(reportingDailyValues)
    .where(eq(reportingDailyValues.accountId, accountId))
    .orderBy(asc(reportingDailyValues.day), asc(reportingDailyValues.name));
  const expected = await db().execute<{ day: string; name: string; values: number[]; bh: number[] }>(sql`
    select date_trunc('day', event_end_time, 'UTC') as day, name,
      array_agg(value order by value) as values, array_agg(value_in_business_hours order by value_in_business_hours) as bh
    from reporting_events where account_id = ${accountId} and name in ('first_response', 'reply_time', 'conversation_resolved')
    group by 1, 2 order by 1, 2`);
  expect(values.filter((r) => r.count > 0).map((r) => [r.day.getTime(), r.name, r.count, unpack(r.sortedValues), unpack(r.sortedValuesInBusinessHours)])).toEqual(
    [...expected].map((r) => [new Date(r.day).getTime(), r.name, r.values.length, r.values.map(Number), r.bh.map(Number)]),
  );
  const totals = await db()
    .select()
    .from(reportingDailyRollups)
    .where(eq(reportingDailyRollups.accountId, accountId))
    .orderBy(asc(reportingDailyRollups.day), asc(reportingDailyRollups.name), asc(reportingDailyRollups.inboxId));
  const accountHours = await db().execute<{ n: number }>(sql`
    select count(*)::int as n from reporting_account_rollups a
    full join (select date_trunc('hour', event_end_time, 'UTC') as bucket, name, count(*)::int as count, sum(value)::float8 as sum, sum(value_in_business_hours)::float8 as bh
      from reporting_events where account_id = ${accountId} group by 1, 2) e on e.bucket = a.bucket and e.name = a.name and a.account_id = ${accountId}
    where (a.account_id = ${accountId} or a.account_id is null) and (a.count > 0 or e.count is not null)
      and (a.count is distinct from e.count or a.sum is distinct from e.sum or a.sum_in_business_hours is distinct from e.bh)`);
  expect([...accountHours][0].n).toBe(0); // every hour's account-wide totals equal the events'
  const expectedTotals = await db().execute<{ day: string; name: string; inbox_id: number; count: number; sum: number; bh: number }>(sql`
    select date_trunc('day', event_end_time, 'UTC') as day, name, inbox_id, count(*)::int as count, sum(value)::float8 as sum, sum(value_in_business_hours)::float8 as bh
    from reporting_events where account_id = ${accountId} group by 1, 2, 3 order by 1, 2, 3`);
  expect(totals.filter((r) => r.count > 0).map((r) => [r.day.getTime(), r.name, r.inboxId, r.count, r.sum, r.sumInBusinessHours])).toEqual(
    [...expectedTotals].map((r) => [new Date(r.day).getTime(), r.name, r.inbox_id, r.count, Number(r.sum), Number(r.bh)]),
  );
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

    // A big statement into one hour (a backfill: the hour and day are rebuilt from the events, not
    // merged value by value), then deleted in one statement.
    const batch = Array.from({ length: 80 }, (_, i) => ({ ...existing, id: undefined, createdAt: undefined, key: `batch:${i}`, value: durationAt(i + 5), valueInBusinessHours: durationAt(i + 9) }));
    await db().insert(reportingEvents).values(batch);
    await expectSameAsEvents(w.account.id);
    await expectValueRowsMatchEvents(w.account.id);
    await db().delete(reportingEvents).where(inArray(reportingEvents.key, batch.map((b) => b.key)));
    await expectValueRowsMatchEvents(w.account.id);

    // Deletes: single events (one occurrence of a repeated value goes, the other stays) and a
    // whole conversation's events by cascade.
    await db().delete(reportingEvents).where(eq(reportingEvents.key, "late:1"));
    await db().delete(reportingEvents).where(inArray(reportingEvents.key, ["test:0", "test:7", "test:14"]));
    await db().delete(conversations).where(eq(conversations.id, made[2].id));
    await expectSameAsEvents(w.account.id);

    // The packed values are exactly the events' values per UTC hour and day, sorted, plain and in
    // business hours; the daily totals the events' counts and sums.
    await expectValueRowsMatchEvents(w.account.id);
  });

  it("keep a day's packed values whole when two transactions write events into it at once", async () => {
    const w = await f.createWorkspace(db());
    const [c] = await seedEvents(w.account.id, w.inbox.id, 30);
    // Two inboxes: the writers share no totals row (those are per inbox), only the day's values.
    const other = await f.createInbox(db(), w.account.id);
    const event = (key: string, value: number, inboxId: number) => ({
      accountId: w.account.id,
      key,
      name: "reply_time" as const,
      value,
      valueInBusinessHours: value,
      inboxId,
      conversationId: c.id,
      eventStartTime: SINCE,
      eventEndTime: new Date(SINCE.getTime() + 5 * 3_600_000),
    });
    // The first writer holds its day's row until it commits; the second waits for it, then must
    // rebuild the day with the first one's event in it (not from what it saw before waiting).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
    const first = inTransaction(db(), async (tx) => {
      await tx.insert(reportingEvents).values(event("concurrent:1", 11, w.inbox.id));
      firstWrote();
      await held;
    });
    await wrote;
    const second = inTransaction(db(), async (tx) => {
      await tx.insert(reportingEvents).values(event("concurrent:2", 22, other.id));
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await Promise.all([first, second]);
    await expectValueRowsMatchEvents(w.account.id);
    await expectSameAsEvents(w.account.id);
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
