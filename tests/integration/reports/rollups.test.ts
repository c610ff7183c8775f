import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, reportingEvents, reportingRollups } from "@/db/schema";
import { recordConversationReportingEvents } from "@/lib/reports";
import { computeReportMetrics } from "@/lib/reports/metrics";
import { canUseRollups } from "@/lib/reports/rollups";
import type { ReportQuery } from "@/lib/reports/types";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { EXPECTED, RANGE, seedKnownHistory } from "./known-history";

const db = useTestDatabase();

describe("hourly rollups", () => {
  it("answer the overview with the same numbers as the events, plain, in business hours, by inbox and in another time zone", async () => {
    const h = await seedKnownHistory(db());
    const cases: ReportQuery[] = [
      { ...RANGE, groupBy: "day" as const },
      { ...RANGE, groupBy: "hour" as const, businessHours: true },
      { ...RANGE, groupBy: "week" as const, type: "inbox" as const, id: h.inbox.id },
      { ...RANGE, groupBy: "day" as const, timeZone: "America/New_York" },
    ];
    for (const params of cases) {
      expect(canUseRollups({ type: params.type ?? "account", ...RANGE }, params.timeZone ?? "UTC")).toBe(true);
      expect(await computeReportMetrics(db(), h.account.id, params, { rollups: true })).toEqual(await computeReportMetrics(db(), h.account.id, params, { rollups: false }));
    }
    // India's +5:30 cannot be summed from UTC hours: the events answer, with the same figures.
    expect(canUseRollups({ type: "account", ...RANGE }, "Asia/Kolkata")).toBe(false);
    const kolkata = await computeReportMetrics(db(), h.account.id, { ...RANGE, timeZone: "Asia/Kolkata" });
    expect(kolkata.metrics.avg_first_response_time?.current).toEqual(EXPECTED.avg_first_response_time);
    expect(canUseRollups({ type: "agent", ...RANGE }, "UTC")).toBe(false);
  });

  it("stay right on late events (a resolution days after the conversation's day closed) and on deletes", async () => {
    const h = await seedKnownHistory(db());
    const c = h.conversations.c; // Tue 03-03 12:00, still open
    const tuesday = { since: new Date("2026-03-03T00:00:00Z"), until: new Date("2026-03-04T00:00:00Z") };
    const monday = { since: new Date("2026-03-09T00:00:00Z"), until: new Date("2026-03-10T00:00:00Z") };
    const resolutions = async (range: typeof monday) =>
      (await computeReportMetrics(db(), h.account.id, { ...range, metrics: ["resolutions_count", "avg_resolution_time"] })).metrics;
    expect((await resolutions(monday)).resolutions_count?.current.value).toBe(1);

    // Resolved the next Monday: the event is written then, into Monday's hour.
    await f.createMessage(db(), c, { messageType: "activity", senderType: null, senderId: null, content: "Alice Admin resolved the conversation", createdAt: new Date("2026-03-09T12:00:00Z") });
    expect(await recordConversationReportingEvents(db(), h.account.id, [c.id])).toBe(1);
    const after = await resolutions(monday);
    expect(after.resolutions_count?.current.value).toBe(2);
    expect(after.avg_resolution_time?.current).toMatchObject({ value: (241200 + 6 * 86400) / 2, count: 2 });
    expect((await resolutions(tuesday)).resolutions_count?.current.value).toBe(1); // A's second resolution, unchanged

    // Deleting the conversation takes its events and their share of every hour with it.
    await db().delete(conversations).where(eq(conversations.id, c.id));
    expect((await resolutions(monday)).resolutions_count?.current.value).toBe(1);
    const overview = await computeReportMetrics(db(), h.account.id, RANGE, { rollups: true });
    expect(overview.metrics.conversations_count?.current.value).toBe(2);
    expect(overview).toEqual(await computeReportMetrics(db(), h.account.id, RANGE, { rollups: false }));
    const [{ total }] = await db()
      .select({ total: sql<number>`sum(${reportingRollups.count})::int` })
      .from(reportingRollups)
      .where(eq(reportingRollups.accountId, h.account.id));
    expect(total).toBe(await db().$count(reportingEvents, eq(reportingEvents.accountId, h.account.id)));
  });

  it("refuse an update of an event (its hour's totals would no longer match)", async () => {
    const h = await seedKnownHistory(db());
    await expect(
      db().update(reportingEvents).set({ value: 1 }).where(and(eq(reportingEvents.accountId, h.account.id), eq(reportingEvents.name, "reply_time"))),
    ).rejects.toThrow();
  });
});
