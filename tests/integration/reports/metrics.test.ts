import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { getReportMetrics, getReportSummary, listConversationsForMetric, recordConversationReportingEvents } from "@/lib/reports";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { EXPECTED, RANGE, seedKnownHistory } from "./known-history";

const db = useTestDatabase();
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe("report metrics over a known history", () => {
  it("counts, averages, medians and p90 (plain and in business hours), with the previous period and a daily series", async () => {
    const h = await seedKnownHistory(db());
    const admin = userActor(h.admin.id);
    const report = await getReportMetrics(db(), admin, h.account.id, { ...RANGE, groupBy: "day" });
    const m = report.metrics;
    expect(m.conversations_count?.current.value).toBe(EXPECTED.conversations_count);
    expect(m.incoming_messages_count?.current.value).toBe(EXPECTED.incoming_messages_count);
    expect(m.outgoing_messages_count?.current.value).toBe(EXPECTED.outgoing_messages_count);
    expect(m.resolutions_count?.current.value).toBe(EXPECTED.resolutions_count);
    expect(m.avg_first_response_time?.current).toEqual(EXPECTED.avg_first_response_time);
    expect(m.reply_time?.current).toEqual(EXPECTED.reply_time);
    expect(m.avg_resolution_time?.current).toEqual(EXPECTED.avg_resolution_time);
    expect(m.conversations_count?.previous.value).toBe(0);
    expect(m.avg_first_response_time?.previous).toEqual({ value: null, median: null, p90: null, count: 0 });
    expect(report.previousSince).toEqual(new Date("2026-02-22T00:00:00Z"));

    // Eight daily buckets, empty days included; the weekend's Sunday has nothing.
    const series = m.conversations_count!.timeseries;
    expect(series.map((p) => p.timestamp)).toEqual(["02", "03", "04", "05", "06", "07", "08", "09"].map((d) => day(`2026-03-${d}`)));
    expect(series.map((p) => p.value)).toEqual([1, 1, 0, 0, 1, 0, 0, 0]);
    const resolutions = m.avg_resolution_time!.timeseries;
    expect(resolutions[0]).toMatchObject({ value: 10800, count: 1 });
    expect(resolutions[1]).toMatchObject({ value: 3600, count: 1 });
    expect(resolutions[7]).toMatchObject({ value: 241200, count: 1 });
    expect(resolutions[2]).toMatchObject({ value: null, count: 0 });

    const bh = await getReportMetrics(db(), admin, h.account.id, { ...RANGE, businessHours: true });
    expect(bh.metrics.avg_first_response_time?.current).toEqual(EXPECTED.avg_first_response_time_bh);
    expect(bh.metrics.reply_time?.current).toEqual(EXPECTED.reply_time_bh);
    expect(bh.metrics.avg_resolution_time?.current).toEqual(EXPECTED.avg_resolution_time_bh);
  });

  it("groups in the report's time zone and filters by agent, inbox, team and label", async () => {
    const h = await seedKnownHistory(db());
    const admin = userActor(h.admin.id);
    // In Tokyo (UTC+9) conversation B (Fri 16:00 UTC) was created on Saturday.
    const tokyo = await getReportMetrics(db(), admin, h.account.id, { ...RANGE, groupBy: "day", timeZone: "Asia/Tokyo", metrics: ["conversations_count"] });
    const saturday = Date.parse("2026-03-06T15:00:00Z") / 1000;
    expect(tokyo.metrics.conversations_count!.timeseries.find((p) => p.timestamp === saturday)?.value).toBe(1);
    expect(Object.keys(tokyo.metrics)).toEqual(["conversations_count"]);

    const bob = await getReportMetrics(db(), admin, h.account.id, { ...RANGE, type: "agent", id: h.bob.id });
    expect(bob.metrics.conversations_count?.current.value).toBe(2);
    expect(bob.metrics.avg_first_response_time?.current).toEqual({ value: 119700, median: 119700, p90: 214020, count: 2 });
    expect(bob.metrics.resolutions_count?.current.value).toBe(3);
    const team = await getReportMetrics(db(), admin, h.account.id, { ...RANGE, type: "team", id: h.team.id });
    expect(team.metrics.avg_first_response_time?.current).toEqual({ value: 300, median: 300, p90: 300, count: 1 });
    const label = await getReportMetrics(db(), admin, h.account.id, { ...RANGE, type: "label", id: h.label.id });
    expect(label.metrics.incoming_messages_count?.current.value).toBe(1);
    const inbox = await getReportMetrics(db(), admin, h.account.id, { ...RANGE, type: "inbox", id: h.inbox.id });
    expect(inbox.metrics.reply_time?.current).toEqual(EXPECTED.reply_time);
  });

  it("the per-agent table agrees with the agent filter, and every figure lists the conversations behind it", async () => {
    const h = await seedKnownHistory(db());
    const admin = userActor(h.admin.id);
    const rows = await getReportSummary(db(), admin, h.account.id, { ...RANGE, dimension: "agent" });
    const bob = rows.find((r) => r.id === h.bob.id)!;
    expect(bob).toMatchObject({ name: "Bob Agent", conversationsCount: 2, resolutionsCount: 3, outgoingMessagesCount: 4 });
    expect(bob.firstResponseTime).toEqual({ value: 119700, median: 119700, p90: 214020, count: 2 });
    const alice = rows.find((r) => r.id === h.alice.id)!;
    expect(alice.replyTime).toEqual({ value: 300, median: 300, p90: 300, count: 1 });
    const inboxes = await getReportSummary(db(), admin, h.account.id, { ...RANGE, dimension: "inbox", businessHours: true });
    expect(inboxes[0].resolutionTime).toEqual(EXPECTED.avg_resolution_time_bh);
    const labels = await getReportSummary(db(), admin, h.account.id, { ...RANGE, dimension: "label" });
    expect(labels).toMatchObject([{ name: "vip", conversationsCount: 1 }]);

    const behind = await listConversationsForMetric(db(), admin, h.account.id, { ...RANGE, metric: "avg_resolution_time" });
    expect(behind.conversations.map((c) => [c.displayId, c.events, c.value])).toEqual([
      [h.conversations.b.displayId, 1, 241200],
      [h.conversations.a.displayId, 2, 7200],
    ]);
    const paged = await listConversationsForMetric(db(), admin, h.account.id, { ...RANGE, metric: "conversations_count", limit: 2 });
    expect(paged.conversations).toHaveLength(2);
    const rest = await listConversationsForMetric(db(), admin, h.account.id, { ...RANGE, metric: "conversations_count", limit: 2, cursor: paged.nextCursor });
    expect(rest).toMatchObject({ conversations: [{ displayId: h.conversations.a.displayId }], nextCursor: null });
  });

  it("recording is idempotent, and only administrators or a role with Reports see reports", async () => {
    const h = await seedKnownHistory(db());
    const ids = Object.values(h.conversations).map((c) => c.id);
    expect(await recordConversationReportingEvents(db(), h.account.id, ids)).toBe(0);
    const report = await getReportMetrics(db(), userActor(h.admin.id), h.account.id, { ...RANGE, metrics: ["reply_time"] });
    expect(report.metrics.reply_time?.current.count).toBe(5);
    await expect(getReportMetrics(db(), userActor(h.agent.id), h.account.id, RANGE)).rejects.toMatchObject({ code: "forbidden" });
    const stranger = await f.createUser(db());
    await expect(getReportMetrics(db(), userActor(stranger.id), h.account.id, RANGE)).rejects.toMatchObject({ code: "not_found" });
  });
});
