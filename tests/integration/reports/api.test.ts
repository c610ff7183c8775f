import { describe, expect, it } from "vitest";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as reportsRoute from "@/app/api/v2/accounts/[account_id]/reports/route";
import * as summaryRoute from "@/app/api/v2/accounts/[account_id]/reports/summary/route";
import * as liveRoute from "@/app/api/v2/accounts/[account_id]/reports/conversations/route";
import * as agentsCsv from "@/app/api/v2/accounts/[account_id]/reports/agents/route";
import * as inboxesCsv from "@/app/api/v2/accounts/[account_id]/reports/inboxes/route";
import * as labelsCsv from "@/app/api/v2/accounts/[account_id]/reports/labels/route";
import * as teamsCsv from "@/app/api/v2/accounts/[account_id]/reports/teams/route";
import * as summaryReports from "@/app/api/v2/accounts/[account_id]/summary_reports/[kind]/route";
import * as outgoingRoute from "@/app/api/v2/accounts/[account_id]/reports/outgoing_messages_count/route";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";
import { EXPECTED, RANGE, seedKnownHistory } from "./known-history";

const db = useTestDatabase();
// Chatwoot's dashboard sends unix seconds as strings.
const since = String(RANGE.since.getTime() / 1000);
const until = String(RANGE.until.getTime() / 1000);

async function csv(handler: typeof agentsCsv.GET, token: string, accountId: number, query: Record<string, string> = {}) {
  const url = new URL("http://localhost:3000/api/v2/x");
  for (const [k, v] of Object.entries({ since, until, ...query })) url.searchParams.set(k, v);
  const res = await handler(new Request(url, { headers: { api_access_token: token } }), { params: Promise.resolve({ account_id: String(accountId) }) });
  return { status: res.status, type: res.headers.get("content-type"), disposition: res.headers.get("content-disposition"), lines: (await res.text()).trimEnd().split("\n") };
}

describe("/api/v2/accounts/{id}/reports (Chatwoot's shapes)", () => {
  it("a metric's timeseries and the summary with the previous period, medians and p90 beside the averages", async () => {
    const h = await seedKnownHistory(db());
    const token = h.admin.apiAccessToken;
    const params = { account_id: h.account.id };
    const series = await call(reportsRoute.GET, { token, params, query: { metric: "avg_resolution_time", type: "account", since, until, group_by: "day" } });
    expect(series.status).toBe(200);
    expect(series.body).toHaveLength(8);
    expect(series.body[0]).toEqual({ value: 10800, timestamp: RANGE.since.getTime() / 1000, count: 1, median: 10800, p90: 10800 });
    expect(series.body[2]).toEqual({ value: 0, timestamp: RANGE.since.getTime() / 1000 + 2 * 86400, count: 0, median: null, p90: null });
    const counts = await call(reportsRoute.GET, { token, params, query: { metric: "conversations_count", since, until } });
    expect(counts.body.map((p: { value: number }) => p.value)).toEqual([1, 1, 0, 0, 1, 0, 0, 0]);
    expect(counts.body[0]).toEqual({ value: 1, timestamp: RANGE.since.getTime() / 1000 });

    const summary = await call(summaryRoute.GET, { token, params, query: { type: "account", since, until, business_hours: "true" } });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      conversations_count: 3,
      incoming_messages_count: 5,
      outgoing_messages_count: 7,
      resolutions_count: 3,
      avg_first_response_time: EXPECTED.avg_first_response_time_bh.value,
      first_response_time_median: EXPECTED.avg_first_response_time_bh.median,
      first_response_time_p90: EXPECTED.avg_first_response_time_bh.p90,
      avg_resolution_time: EXPECTED.avg_resolution_time_bh.value,
      resolution_time_p90: EXPECTED.avg_resolution_time_bh.p90,
      reply_time: EXPECTED.reply_time_bh.value,
      reply_time_median: EXPECTED.reply_time_bh.median,
      previous: { conversations_count: 0, avg_first_response_time: 0, first_response_time_median: null },
    });
    const plain = await call(summaryRoute.GET, { token, params, query: { since, until } });
    expect(plain.body.avg_first_response_time).toBe(EXPECTED.avg_first_response_time.value);
    const bob = await call(summaryRoute.GET, { token, params, query: { type: "agent", id: h.bob.id, since, until } });
    expect(bob.body).toMatchObject({ conversations_count: 2, avg_first_response_time: 119700, first_response_time_p90: 214020 });

    // timezone_offset=9 (Tokyo): conversation B (Fri 16:00 UTC) falls on Saturday.
    const tokyo = await call(reportsRoute.GET, { token, params, query: { metric: "conversations_count", since, until, timezone_offset: "9" } });
    expect(tokyo.body.find((p: { timestamp: number }) => p.timestamp === Date.parse("2026-03-06T15:00:00Z") / 1000)?.value).toBe(1);
  });

  it("per-entity summaries, live counts, and refusals for agents, strangers and bad input", async () => {
    const h = await seedKnownHistory(db());
    const token = h.admin.apiAccessToken;
    const params = { account_id: h.account.id };
    const agents = await call(summaryReports.GET, { token, params: { ...params, kind: "agent" }, query: { since, until } });
    expect(agents.body.find((r: { id: number }) => r.id === h.bob.id)).toMatchObject({
      conversations_count: 2,
      resolved_conversations_count: 3,
      avg_first_response_time: 119700,
      first_response_time_median: 119700,
      avg_reply_time: (1800 + 3600 + 1200 + 237600) / 4,
    });
    const inboxes = await call(summaryReports.GET, { token, params: { ...params, kind: "inbox" }, query: { since, until, business_hours: "1" } });
    expect(inboxes.body).toEqual([expect.objectContaining({ id: h.inbox.id, conversations_count: 3, avg_resolution_time: EXPECTED.avg_resolution_time_bh.value })]);
    const outgoing = await call(outgoingRoute.GET, { token, params, query: { since, until, group_by: "agent" } });
    expect(outgoing.body).toContainEqual({ id: h.bob.id, name: "Bob Agent", outgoing_messages_count: 4 });

    const live = await call(liveRoute.GET, { token, params, query: { type: "account" } });
    // C is open; the seed wrote its reply directly, so it never got a first_reply_created_at: unattended.
    expect(live.body).toEqual({ open: 1, unattended: 1, unassigned: 0, pending: 0 });
    const load = await call(liveRoute.GET, { token, params, query: { type: "agent", user_id: h.alice.id } });
    expect(load.body).toEqual([expect.objectContaining({ id: h.alice.id, name: "Alice Admin", metric: { open: 1, unattended: 1 } })]);

    expect((await call(summaryRoute.GET, { token: h.agent.apiAccessToken, params, query: { since, until } })).status).toBe(403);
    expect((await call(summaryRoute.GET, { params, query: { since, until } })).status).toBe(401);
    expect((await call(reportsRoute.GET, { token, params, query: { metric: "nope", since, until } })).status).toBe(422);
    expect((await call(reportsRoute.GET, { token, params, query: { metric: "reply_time", since: until, until: since } })).status).toBe(422);
    expect((await call(reportsRoute.GET, { token, params, query: { metric: "reply_time", type: "agent", since, until } })).status).toBe(422);
    expect((await call(openapi.GET)).body.paths["/api/v2/accounts/{account_id}/reports/summary"]).toBeDefined();
  });

  it("each CSV gives the same numbers as the API for the same filters, business hours included", async () => {
    const h = await seedKnownHistory(db());
    const token = h.admin.apiAccessToken;
    const params = { account_id: h.account.id };
    const api = await call(summaryReports.GET, { token, params: { ...params, kind: "agent" }, query: { since, until, business_hours: "true" } });
    const file = await csv(agentsCsv.GET, token, h.account.id, { business_hours: "true" });
    expect(file).toMatchObject({ status: 200, type: "text/csv; charset=utf-8", disposition: "attachment; filename=agents_report.csv" });
    expect(file.lines[0]).toBe("Reporting period 2026-03-02 to 2026-03-10");
    expect(file.lines[2]).toBe(
      "Agent name,Assigned conversations,Avg first response time,Avg resolution time,Resolution Count,Avg customer waiting time," +
        "First response time avg (s),First response time median (s),First response time p90 (s),Resolution time avg (s),Resolution time median (s),Resolution time p90 (s),Reply time avg (s),Reply time median (s),Reply time p90 (s)",
    );
    const bobRow = api.body.find((r: { id: number }) => r.id === h.bob.id);
    const bobLine = file.lines.find((l) => l.startsWith("Bob Agent,"))!.split(",");
    // Business hours: first responses [1800, 7200], resolutions [10800, 3600, 10800], replies [1800, 3600, 1200, 7200].
    expect(bobLine).toEqual(["Bob Agent", "2", "1 hour 15 minutes", "2 hours 20 minutes", "3", "57 minutes 30 seconds", "4500", "4500", "6660", "8400", "10800", "10800", "3450", "2700", "6120"]);
    expect(Number(bobLine[6])).toBe(bobRow.avg_first_response_time);
    expect(Number(bobLine[7])).toBe(bobRow.first_response_time_median);
    expect(Number(bobLine[9])).toBe(bobRow.avg_resolution_time);
    expect(Number(bobLine[12])).toBe(bobRow.avg_reply_time);
    expect(Number(bobLine[14])).toBe(bobRow.reply_time_p90);

    const inboxes = await csv(inboxesCsv.GET, token, h.account.id);
    expect(inboxes.lines[3].split(",").slice(0, 5)).toEqual(["Support", "API", "3", "22 hours 11 minutes", "23 hours 40 minutes"]);
    const labels = await csv(labelsCsv.GET, token, h.account.id);
    expect(labels.lines[3].split(",").slice(0, 6)).toEqual(["vip", "1", "5 minutes", "--", "5 minutes", "0"]);
    const teams = await csv(teamsCsv.GET, token, h.account.id);
    expect(teams.lines[3].split(",").slice(0, 2)).toEqual(["Tier 1", "1"]);
    expect((await csv(teamsCsv.GET, h.agent.apiAccessToken, h.account.id)).status).toBe(403);
  });
});
