import { describe, expect, it, vi } from "vitest";
import { downloadHref } from "@/components/reports/download-link";
import { formatValue } from "@/components/reports/format";
import type { MetricView } from "@/components/reports/metric-view";
import { reportDownload } from "@/lib/reports/download";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { EXPECTED, RANGE, seedKnownHistory } from "./known-history";

// The loaders are server-only modules; here they run in Node as the server would run them.
vi.mock("server-only", () => ({}));

const { accountContextFor } = await import("@/app/_server/account-context");
const { loadOverview } = await import("@/app/(dashboard)/app/accounts/[accountId]/reports/_report/load-overview");
const { loadDimensionReport } = await import("@/app/(dashboard)/app/accounts/[accountId]/reports/_report/load-dimension");
const { loadDrilldown, parseDrilldown } = await import("@/app/(dashboard)/app/accounts/[accountId]/reports/_report/load-drilldown");

/**
 * The Reports screens' data over the known week (known-history.ts): what the overview and the
 * agents' report show, that their CSV downloads hold the very same figures (business hours
 * included), that the table and one agent's cards agree, and that a number's link lists the
 * conversations behind it.
 */
const db = useTestDatabase();
const WEEK = { range: "custom", since: "2026-03-02", until: "2026-03-09", group_by: "day" };
const ctxOf = (userId: number, accountId: number) => accountContextFor({ actor: { kind: "user", userId }, userId }, String(accountId));

/** A CSV's lines as cells (the files hold no quoted commas in these rows). */
async function csvOf(response: Response): Promise<string[][]> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  return (await response.text()).trimEnd().split("\n").map((line) => line.split(","));
}
const download = (userId: number | null, accountId: number, href: string) => reportDownload(userId, String(accountId), new URL(href, "http://x").searchParams);
const byMetric = (metrics: MetricView[], metric: string) => metrics.find((m) => m.metric === metric);

describe("the Reports screens", () => {
  it("the overview shows the week's figures in business hours, and its CSV holds the same numbers", async () => {
    const h = await seedKnownHistory(db());
    const ctx = await ctxOf(h.admin.id, h.account.id);
    const { view, metrics, live } = await loadOverview(ctx, { ...WEEK, business_hours: "true" });
    expect({ since: view.since, until: view.until, timeZone: view.timeZone }).toEqual({ ...RANGE, timeZone: "UTC" });
    expect(live).toMatchObject({ open: 1, unassigned: 0, pending: 0 });
    expect(metrics.map((m) => m.metric)).toEqual(["conversations_count", "incoming_messages_count", "outgoing_messages_count", "avg_first_response_time", "avg_resolution_time", "reply_time", "resolutions_count"]);
    expect(byMetric(metrics, "avg_first_response_time")?.current).toEqual(EXPECTED.avg_first_response_time_bh);
    expect(byMetric(metrics, "reply_time")?.current).toEqual(EXPECTED.reply_time_bh);
    expect(byMetric(metrics, "conversations_count")?.current.value).toBe(3);
    const series = byMetric(metrics, "conversations_count")?.points ?? [];
    expect(series.map((p) => `${p.label}=${p.value}`)).toEqual(["Mon 2 Mar=1", "Tue 3 Mar=1", "Wed 4 Mar=0", "Thu 5 Mar=0", "Fri 6 Mar=1", "Sat 7 Mar=0", "Sun 8 Mar=0", "Mon 9 Mar=0"]);

    const csv = await csvOf(await download(h.admin.id, h.account.id, downloadHref(ctx.accountId, { scope: { type: "account" }, groupBy: "day", since: view.since, until: view.until, businessHours: true })));
    expect(csv[0].join(",")).toBe("Reporting period 2026-03-02T00:00:00Z to 2026-03-10T00:00:00Z (UTC); business hours only");
    const line = (name: string) => csv.find((cells) => cells[0] === name)?.slice(1, 5);
    for (const m of metrics) {
      const name = { conversations_count: "Conversations", incoming_messages_count: "Incoming messages", outgoing_messages_count: "Outgoing messages", resolutions_count: "Resolutions" }[m.metric];
      const expected = m.kind === "duration" ? [m.current.value, m.current.median, m.current.p90, m.current.count] : [m.current.value, "", "", m.current.count];
      const label = name ?? `${{ avg_first_response_time: "First response time", avg_resolution_time: "Resolution time", reply_time: "Reply time" }[m.metric]} avg (s)`;
      expect(line(label), label).toEqual(expected.map((v) => String(v ?? "")));
    }
    // The charts' points, bucket by bucket.
    const header = csv.findIndex((cells) => cells[0] === "Period start (day)");
    expect(csv.slice(header + 1).map((cells) => Number(cells[1]))).toEqual(series.map((p) => p.value));
  });

  it("the agents' table, one agent's cards and the agents CSV agree", async () => {
    const h = await seedKnownHistory(db());
    const ctx = await ctxOf(h.admin.id, h.account.id);
    const { view, rows, picked, metrics } = await loadDimensionReport(ctx, { ...WEEK, id: String(h.bob.id) }, "agent");
    expect(picked?.name).toBe("Bob Agent");
    const bob = rows.find((r) => r.id === h.bob.id);
    expect(bob?.firstResponseTime).toEqual({ value: 119700, median: 119700, p90: 214020, count: 2 });
    // Chatwoot's table and cards disagree; here they are one computation's two views.
    expect(byMetric(metrics ?? [], "avg_first_response_time")?.current).toEqual(bob?.firstResponseTime);
    expect(byMetric(metrics ?? [], "conversations_count")?.current.value).toBe(bob?.conversationsCount);
    expect(byMetric(metrics ?? [], "reply_time")?.current).toEqual(bob?.replyTime);
    expect(byMetric(metrics ?? [], "avg_first_response_time")?.href).toContain(`type=agent&id=${h.bob.id}`);

    const csv = await csvOf(await download(h.admin.id, h.account.id, downloadHref(ctx.accountId, { table: "agent", since: view.since, until: view.until, businessHours: false })));
    const bobLine = csv.find((cells) => cells[0] === "Bob Agent") ?? [];
    // Chatwoot's columns, then the exact seconds: first response, resolution and reply avg/median/p90.
    expect(bobLine.slice(1, 2)).toEqual([String(bob?.conversationsCount)]);
    expect(bobLine.slice(-9).map(Number)).toEqual(
      [bob?.firstResponseTime, bob?.resolutionTime, bob?.replyTime].flatMap((x) => [x?.value, x?.median, x?.p90]).map((v) => Number(v ?? 0)),
    );
    expect(formatValue("duration", Number(bobLine.at(-9)))).toBe("1 d 9 h 15 m");
  });

  it("a number's link lists the conversations behind it", async () => {
    const h = await seedKnownHistory(db());
    const ctx = await ctxOf(h.admin.id, h.account.id);
    const { metrics } = await loadOverview(ctx, WEEK);
    const href = byMetric(metrics, "resolutions_count")?.href ?? "";
    const drilldown = parseDrilldown(Object.fromEntries(new URL(href, "http://x").searchParams));
    expect(drilldown).toMatchObject({ metric: "resolutions_count", type: "account", from: RANGE.since, to: RANGE.until });
    const { page, timeZone } = await loadDrilldown(ctx, drilldown!);
    expect(timeZone).toBe("UTC");
    expect(page.conversations.map((c) => [c.displayId, c.events])).toEqual([
      [h.conversations.b.displayId, 1],
      [h.conversations.a.displayId, 2],
    ]);
    // The Sunday bucket of the chart has no conversations; Monday's has A.
    const monday = byMetric(metrics, "conversations_count")?.points[0];
    const first = await loadDrilldown(ctx, parseDrilldown(Object.fromEntries(new URL(monday?.href ?? "", "http://x").searchParams))!);
    expect(first.page.conversations.map((c) => c.displayId)).toEqual([h.conversations.a.displayId]);
  });

  it("is not for agents without Reports, nor for the signed out", async () => {
    const h = await seedKnownHistory(db());
    const href = downloadHref(h.account.id, { table: "agent", ...RANGE, businessHours: false });
    expect((await download(null, h.account.id, href)).status).toBe(401);
    expect((await download(h.agent.id, h.account.id, href)).status).toBe(403);
    const stranger = await f.createUser(db());
    expect((await download(stranger.id, h.account.id, href)).status).toBe(404);
    await expect(loadOverview(await ctxOf(h.agent.id, h.account.id), WEEK)).rejects.toMatchObject({ code: "forbidden" });
  });
});
