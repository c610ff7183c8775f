import { describe, expect, it } from "vitest";
import * as accountRoute from "@/app/api/v1/accounts/[account_id]/route";
import * as reportsRoute from "@/app/api/v2/accounts/[account_id]/reports/route";
import { userActor } from "@/lib/auth/actor";
import { getReportMetrics, recordConversationReportingEvents, reportCsv } from "@/lib/reports";
import { computeReportMetrics } from "@/lib/reports/metrics";
import { reportMetricsCsv } from "@/lib/reports/metrics-csv";
import { canUseRollups } from "@/lib/reports/rollups";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";
import { RANGE, seedKnownHistory } from "./known-history";

const db = useTestDatabase();
const since = String(RANGE.since.getTime() / 1000);
const until = String(RANGE.until.getTime() / 1000);
const at = (iso: string) => Date.parse(iso) / 1000;

describe("the account's reporting time zone", () => {
  it("is set and read on /api/v1/accounts/{id} (administrators; IANA names only)", async () => {
    const h = await seedKnownHistory(db());
    const params = { account_id: h.account.id };
    const token = h.admin.apiAccessToken;
    expect((await call(accountRoute.GET, { token, params })).body.reporting_timezone).toBeNull();
    const set = await call(accountRoute.PATCH, { token, params, body: { reporting_timezone: "asia/tokyo" } });
    expect(set.status).toBe(200);
    expect(set.body.reporting_timezone).toBe("Asia/Tokyo");
    expect((await call(accountRoute.GET, { token, params })).body.reporting_timezone).toBe("Asia/Tokyo");
    // The business hours' zone is another setting: untouched.
    expect((await call(accountRoute.GET, { token, params })).body.timezone).toBe("UTC");

    expect((await call(accountRoute.PATCH, { token, params, body: { reporting_timezone: "Mars/Olympus" } })).status).toBe(422);
    expect((await call(accountRoute.PATCH, { token: h.agent.apiAccessToken, params, body: { reporting_timezone: "UTC" } })).status).toBe(403);
    expect((await call(accountRoute.GET, { token, params })).body.reporting_timezone).toBe("Asia/Tokyo");
    const cleared = await call(accountRoute.PATCH, { token, params, body: { reporting_timezone: null } });
    expect(cleared.body.reporting_timezone).toBeNull();
  });

  it("places every report's days in that zone (the API without timezone_offset, the domain, the CSV)", async () => {
    const h = await seedKnownHistory(db());
    const params = { account_id: h.account.id };
    const token = h.admin.apiAccessToken;
    await call(accountRoute.PATCH, { token, params, body: { reporting_timezone: "Asia/Tokyo" } });
    // Conversation B (Fri 16:00 UTC) is Saturday in Tokyo; days start at 15:00 UTC.
    const series = await call(reportsRoute.GET, { token, params, query: { metric: "conversations_count", since, until } });
    expect(series.body[0].timestamp).toBe(at("2026-03-01T15:00:00Z"));
    expect(series.body.find((p: { timestamp: number }) => p.timestamp === at("2026-03-06T15:00:00Z"))?.value).toBe(1);
    // Chatwoot's timezone_offset still wins for one request.
    const utc = await call(reportsRoute.GET, { token, params, query: { metric: "conversations_count", since, until, timezone_offset: "0" } });
    expect(utc.body[0].timestamp).toBe(at("2026-03-02T00:00:00Z"));

    const weeks = await getReportMetrics(db(), userActor(h.admin.id), h.account.id, { ...RANGE, groupBy: "week" });
    expect(weeks.timeZone).toBe("Asia/Tokyo");
    // Weeks start on Monday, Tokyo time: Sunday 15:00 UTC.
    expect(weeks.metrics.conversations_count!.timeseries.map((p) => p.timestamp)).toEqual([at("2026-03-01T15:00:00Z"), at("2026-03-08T15:00:00Z")]);
    const csv = await reportMetricsCsv(db(), userActor(h.admin.id), h.account.id, { ...RANGE, groupBy: "day" });
    expect(csv.split("\n")[0]).toContain("(Asia/Tokyo)");
    // The agents' CSV names the days the screen picked (Tokyo: Mar 2 to Mar 10, as the UTC file says 2026-03-02 to 2026-03-10 for its week).
    const tokyoWeek = { since: new Date("2026-03-01T15:00:00Z"), until: new Date("2026-03-09T15:00:00Z") };
    const agents = await reportCsv(db(), userActor(h.admin.id), h.account.id, { ...tokyoWeek, dimension: "agent" });
    expect(agents.split("\n")[0]).toBe("Reporting period 2026-03-02 to 2026-03-10");
  });

  it("a zone with a :30 offset (Asia/Kolkata) reads the raw events, not the hourly rollups, and counts across its midnight", async () => {
    const h = await seedKnownHistory(db());
    const params = { account_id: h.account.id };
    await call(accountRoute.PATCH, { token: h.admin.apiAccessToken, params, body: { reporting_timezone: "Asia/Kolkata" } });
    // Wednesday 19:00 UTC is Thursday 00:30 in Kolkata.
    const late = await f.createConversation(db(), h.account.id, h.inbox.id, { createdAt: new Date("2026-03-04T19:00:00Z") });
    await f.createMessage(db(), late, { createdAt: new Date("2026-03-04T19:00:00Z") });
    await recordConversationReportingEvents(db(), h.account.id, [late.id]);

    expect(canUseRollups({ type: "account", since: RANGE.since, until: RANGE.until }, "Asia/Kolkata")).toBe(false);
    const report = await getReportMetrics(db(), userActor(h.admin.id), h.account.id, { ...RANGE, groupBy: "day" });
    const raw = await computeReportMetrics(db(), h.account.id, { ...RANGE, groupBy: "day" }, { rollups: false });
    expect(report.metrics).toEqual(raw.metrics);
    const series = report.metrics.conversations_count!.timeseries;
    // Days start at 18:30 UTC.
    expect(series[0].timestamp).toBe(at("2026-03-01T18:30:00Z"));
    expect(series.find((p) => p.timestamp === at("2026-03-04T18:30:00Z"))?.value).toBe(1);
    expect(series.find((p) => p.timestamp === at("2026-03-03T18:30:00Z"))?.value).toBe(0);
    expect(report.metrics.conversations_count!.current.value).toBe(4);
  });
});
