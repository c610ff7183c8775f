import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as distributionRoute from "@/app/api/v2/accounts/[account_id]/reports/first_response_time_distribution/route";
import * as matrixRoute from "@/app/api/v2/accounts/[account_id]/reports/inbox_label_matrix/route";
import * as channelRoute from "@/app/api/v2/accounts/[account_id]/summary_reports/channel/route";
import * as liveMetricsRoute from "@/app/api/v2/accounts/[account_id]/live_reports/conversation_metrics/route";
import * as liveGroupedRoute from "@/app/api/v2/accounts/[account_id]/live_reports/grouped_conversation_metrics/route";
import { conversationLabels, inboxes, labels } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { updateAgent } from "@/lib/accounts/agents";
import { createCustomRole } from "@/lib/roles/custom-roles";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";
import { RANGE, seedKnownHistory } from "./known-history";

const db = useTestDatabase();
const since = String(RANGE.since.getTime() / 1000);
const until = String(RANGE.until.getTime() / 1000);

/** The known week plus an email inbox with one conversation (Wed, labelled "billing", pending). */
async function seed() {
  const h = await seedKnownHistory(db());
  const mail = await f.createInbox(db(), h.account.id, { name: "Mail" });
  await db().update(inboxes).set({ channelType: "email" }).where(eq(inboxes.id, mail.id));
  const billing = (await db().insert(labels).values({ accountId: h.account.id, title: "billing" }).returning())[0];
  const d = await f.createConversation(db(), h.account.id, mail.id, { createdAt: new Date("2026-03-04T08:00:00Z"), status: "pending" });
  await db().insert(conversationLabels).values([
    { accountId: h.account.id, conversationId: d.id, labelId: billing.id },
    { accountId: h.account.id, conversationId: h.conversations.c.id, labelId: billing.id },
  ]);
  return { ...h, mail, billing, d };
}

describe("Chatwoot's report breakdowns (/api/v2/accounts/{id}/…)", () => {
  it("first_response_time_distribution: first responses per channel type in Chatwoot's buckets", async () => {
    const h = await seed();
    const token = h.admin.apiAccessToken;
    const params = { account_id: h.account.id };
    // First responses: A 30 min, B 66 h (2 h in business hours), C 5 min — all in the API inbox.
    const plain = await call(distributionRoute.GET, { token, params, query: { since, until } });
    expect(plain).toEqual({ status: 200, body: { "Channel::Api": { "0-1h": 2, "1-4h": 0, "4-8h": 0, "8-24h": 0, "24h+": 1 } } });
    const hours = await call(distributionRoute.GET, { token, params, query: { since, until, business_hours: "true" } });
    expect(hours.body).toEqual({ "Channel::Api": { "0-1h": 2, "1-4h": 1, "4-8h": 0, "8-24h": 0, "24h+": 0 } });
    // Only Monday the 2nd: A's first response.
    const monday = await call(distributionRoute.GET, { token, params, query: { since, until: String(Date.parse("2026-03-03T00:00:00Z") / 1000) } });
    expect(monday.body).toEqual({ "Channel::Api": { "0-1h": 1, "1-4h": 0, "4-8h": 0, "8-24h": 0, "24h+": 0 } });
    // No range: all time.
    expect((await call(distributionRoute.GET, { token, params })).body["Channel::Api"]["24h+"]).toBe(1);
  });

  it("inbox_label_matrix: conversations per inbox × label, narrowed by inbox_ids[] and label_ids[]", async () => {
    const h = await seed();
    const token = h.admin.apiAccessToken;
    const params = { account_id: h.account.id };
    const all = await call(matrixRoute.GET, { token, params, query: { since, until } });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      inboxes: [
        { id: h.mail.id, name: "Mail" },
        { id: h.inbox.id, name: "Support" },
      ],
      labels: [
        { id: h.billing.id, title: "billing" },
        { id: h.label.id, title: "vip" },
      ],
      // Mail: D (billing). Support: C (billing, vip).
      matrix: [
        [1, 0],
        [1, 1],
      ],
    });
    const narrowed = await call(matrixRoute.GET, {
      token,
      params,
      path: `/x?inbox_ids[]=${h.inbox.id}&label_ids[]=${h.label.id}&label_ids[]=`,
      query: { since, until },
    });
    expect(narrowed.body).toEqual({ inboxes: [{ id: h.inbox.id, name: "Support" }], labels: [{ id: h.label.id, title: "vip" }], matrix: [[1]] });
    // Created before Wednesday: D is out.
    const early = await call(matrixRoute.GET, { token, params, query: { since, until: String(Date.parse("2026-03-04T00:00:00Z") / 1000) } });
    expect(early.body.matrix).toEqual([
      [0, 0],
      [1, 1],
    ]);
    // Another account's inbox id names nothing here.
    const other = await f.createWorkspace(db());
    const foreign = await call(matrixRoute.GET, { token, params, path: `/x?inbox_ids=${other.inbox.id}` });
    expect(foreign.body).toEqual({ inboxes: [], labels: expect.any(Array), matrix: [] });
  });

  it("summary_reports/channel: conversations created in the range per channel and status, at most six months", async () => {
    const h = await seed();
    const token = h.admin.apiAccessToken;
    const params = { account_id: h.account.id };
    const res = await call(channelRoute.GET, { token, params, query: { since, until } });
    expect(res).toEqual({
      status: 200,
      body: {
        "Channel::Api": { open: 1, resolved: 2, pending: 0, snoozed: 0, total: 3 },
        "Channel::Email": { open: 0, resolved: 0, pending: 1, snoozed: 0, total: 1 },
      },
    });
    const year = await call(channelRoute.GET, { token, params, query: { since, until: String(RANGE.since.getTime() / 1000 + 365 * 86400) } });
    expect(year.status).toBe(400);
    expect(year.body.error).toMatch(/6 months/);
  });

  it("live_reports: conversations now for the account or a team, and grouped by team or assignee", async () => {
    const h = await seed();
    const token = h.admin.apiAccessToken;
    const params = { account_id: h.account.id };
    // E: open, nobody's, in the team, never answered.
    const e = await f.createConversation(db(), h.account.id, h.inbox.id, { status: "open", teamId: h.team.id });
    expect((await call(liveMetricsRoute.GET, { token, params })).body).toEqual({ open: 2, unattended: 2, unassigned: 1, pending: 1, resolved: 2 });
    expect((await call(liveMetricsRoute.GET, { token, params, query: { team_id: h.team.id } })).body).toEqual({ open: 2, unattended: 2, unassigned: 1, pending: 0, resolved: 0 });
    expect((await call(liveMetricsRoute.GET, { token, params, query: { team_id: 999999 } })).status).toBe(404);

    const byAssignee = await call(liveGroupedRoute.GET, { token, params, query: { group_by: "assignee_id" } });
    expect(byAssignee.body).toEqual([
      { assignee_id: h.alice.id, open: 1, unattended: 1, unassigned: 0 },
      { assignee_id: null, open: 1, unattended: 1, unassigned: 1 },
    ]);
    const byTeam = await call(liveGroupedRoute.GET, { token, params, query: { group_by: "team_id" } });
    expect(byTeam.body).toEqual([{ team_id: h.team.id, open: 2, unattended: 2, unassigned: 1 }]);
    expect(e.teamId).toBe(h.team.id);
    const bad = await call(liveGroupedRoute.GET, { token, params, query: { group_by: "inbox_id" } });
    expect(bad).toEqual({ status: 422, body: expect.objectContaining({ error: "invalid group_by" }) });
  });

  it("is for administrators and roles with Reports, within their account", async () => {
    const h = await seed();
    const params = { account_id: h.account.id };
    const routes = [distributionRoute.GET, matrixRoute.GET, channelRoute.GET, liveMetricsRoute.GET];
    for (const handler of routes) {
      expect((await call(handler, { token: h.agent.apiAccessToken, params, query: { since, until } })).status).toBe(403);
      expect((await call(handler, { params, query: { since, until } })).status).toBe(401);
    }
    expect((await call(liveGroupedRoute.GET, { token: h.agent.apiAccessToken, params, query: { group_by: "team_id" } })).status).toBe(403);
    const stranger = await f.createWorkspace(db());
    expect((await call(channelRoute.GET, { token: stranger.admin.apiAccessToken, params, query: { since, until } })).status).toBe(404);

    const role = await createCustomRole(db(), userActor(h.admin.id), h.account.id, { name: "Lead", permissions: ["conversation_manage", "report_manage"] });
    await updateAgent(db(), userActor(h.admin.id), h.account.id, h.agent.id, { customRoleId: role.id });
    expect((await call(channelRoute.GET, { token: h.agent.apiAccessToken, params, query: { since, until } })).status).toBe(200);

    const doc = (await call(openapi.GET)).body.paths;
    for (const p of ["reports/first_response_time_distribution", "reports/inbox_label_matrix", "summary_reports/channel", "live_reports/conversation_metrics", "live_reports/grouped_conversation_metrics"]) {
      expect(doc[`/api/v2/accounts/{account_id}/${p}`]).toBeDefined();
    }
  });
});
