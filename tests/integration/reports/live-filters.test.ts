import { describe, expect, it } from "vitest";
import * as liveMetricsRoute from "@/app/api/v2/accounts/[account_id]/live_reports/conversation_metrics/route";
import * as liveGroupedRoute from "@/app/api/v2/accounts/[account_id]/live_reports/grouped_conversation_metrics/route";
import { teams } from "@/db/schema";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();
const unix = (iso: string) => String(Date.parse(iso) / 1000);

/**
 * Two inboxes, two teams, two agents; conversations in every status, created on three days:
 *   1 Support  Tier 1  Bob    open      Mar 2   never answered
 *   2 Support  Tier 1  —      open      Mar 3   answered
 *   3 Sales    Tier 2  Alice  open      Mar 3   answered
 *   4 Sales    —       Bob    pending   Mar 4
 *   5 Support  Tier 2  Alice  resolved  Mar 4
 *   6 Sales    Tier 1  Bob    resolved  Mar 5
 */
async function seed() {
  const w = await f.createWorkspace(db());
  const { account, inbox: support, admin: alice, agent: bob } = w;
  const sales = await f.createInbox(db(), account.id, { name: "Sales" });
  const [tier1, tier2] = await db().insert(teams).values([{ accountId: account.id, name: "Tier 1" }, { accountId: account.id, name: "Tier 2" }]).returning();
  const answered = new Date("2026-03-03T12:00:00Z");
  const conv = (inboxId: number, over: Parameters<typeof f.createConversation>[3]) => f.createConversation(db(), account.id, inboxId, over);
  await conv(support.id, { status: "open", teamId: tier1.id, assigneeId: bob.id, createdAt: new Date("2026-03-02T10:00:00Z") });
  await conv(support.id, { status: "open", teamId: tier1.id, createdAt: new Date("2026-03-03T10:00:00Z"), firstReplyCreatedAt: answered });
  await conv(sales.id, { status: "open", teamId: tier2.id, assigneeId: alice.id, createdAt: new Date("2026-03-03T11:00:00Z"), firstReplyCreatedAt: answered });
  await conv(sales.id, { status: "pending", assigneeId: bob.id, createdAt: new Date("2026-03-04T10:00:00Z"), firstReplyCreatedAt: answered });
  await conv(support.id, { status: "resolved", teamId: tier2.id, assigneeId: alice.id, createdAt: new Date("2026-03-04T11:00:00Z"), firstReplyCreatedAt: answered });
  await conv(sales.id, { status: "resolved", teamId: tier1.id, assigneeId: bob.id, createdAt: new Date("2026-03-05T10:00:00Z"), firstReplyCreatedAt: answered });
  return { ...w, alice, bob, support, sales, tier1, tier2, token: w.admin.apiAccessToken, params: { account_id: account.id } };
}

describe("live_reports filters (Chatwoot's team_ids[], user_ids[], inbox_ids[], since/until)", () => {
  it("conversation_metrics: counts now, with resolved, narrowed by every filter Chatwoot's dashboard sends", async () => {
    const h = await seed();
    const metrics = async (path: string, query: Record<string, string | number> = {}) => (await call(liveMetricsRoute.GET, { token: h.token, params: h.params, path, query })).body;
    expect(await metrics("/x")).toEqual({ open: 3, unattended: 1, unassigned: 1, pending: 1, resolved: 2 });
    // Chatwoot's dashboard sends arrays with brackets; other clients repeat the key; blanks are dropped.
    expect(await metrics(`/x?team_ids[]=${h.tier1.id}&team_ids[]=`)).toEqual({ open: 2, unattended: 1, unassigned: 1, pending: 0, resolved: 1 });
    expect(await metrics(`/x?team_ids=${h.tier1.id}&team_ids=${h.tier2.id}`)).toEqual({ open: 3, unattended: 1, unassigned: 1, pending: 0, resolved: 2 });
    expect(await metrics(`/x?user_ids[]=${h.bob.id}`)).toEqual({ open: 1, unattended: 1, unassigned: 0, pending: 1, resolved: 1 });
    expect(await metrics(`/x?inbox_ids[]=${h.sales.id}`)).toEqual({ open: 1, unattended: 0, unassigned: 0, pending: 1, resolved: 1 });
    // Filters combine: Bob's conversations in the Sales inbox.
    expect(await metrics(`/x?inbox_ids[]=${h.sales.id}&user_ids[]=${h.bob.id}`)).toEqual({ open: 0, unattended: 0, unassigned: 0, pending: 1, resolved: 1 });
    // Created between Mar 3 and Mar 4 (both ends included, as Chatwoot's range is).
    expect(await metrics("/x", { since: unix("2026-03-03T00:00:00Z"), until: unix("2026-03-04T10:00:00Z") })).toEqual({ open: 2, unattended: 0, unassigned: 1, pending: 1, resolved: 0 });
    // One bound alone is ignored, as Chatwoot does.
    expect(await metrics("/x", { since: unix("2026-03-05T00:00:00Z") })).toEqual({ open: 3, unattended: 1, unassigned: 1, pending: 1, resolved: 2 });
    // The older single team_id still narrows (an unknown team is 404).
    expect(await metrics("/x", { team_id: h.tier2.id })).toEqual({ open: 1, unattended: 0, unassigned: 0, pending: 0, resolved: 1 });
    expect((await call(liveMetricsRoute.GET, { token: h.token, params: h.params, query: { team_id: 999999 } })).status).toBe(404);
  });

  it("grouped_conversation_metrics: groups narrowed by the same filters; ids of another account count nothing", async () => {
    const h = await seed();
    const grouped = async (path: string, query: Record<string, string | number> = {}) => (await call(liveGroupedRoute.GET, { token: h.token, params: h.params, path, query })).body;
    expect(await grouped(`/x?group_by=assignee_id&inbox_ids[]=${h.support.id}`)).toEqual([
      { assignee_id: h.bob.id, open: 1, unattended: 1, unassigned: 0 },
      { assignee_id: null, open: 1, unattended: 0, unassigned: 1 },
    ]);
    expect(await grouped(`/x?group_by=team_id&user_ids[]=${h.alice.id}&user_ids[]=${h.bob.id}`)).toEqual([
      { team_id: Math.min(h.tier1.id, h.tier2.id), open: 1, unattended: h.tier1.id < h.tier2.id ? 1 : 0, unassigned: 0 },
      { team_id: Math.max(h.tier1.id, h.tier2.id), open: 1, unattended: h.tier1.id < h.tier2.id ? 0 : 1, unassigned: 0 },
    ]);
    expect(await grouped(`/x?group_by=team_id&team_ids[]=${h.tier1.id}`, { since: unix("2026-03-03T00:00:00Z"), until: unix("2026-03-06T00:00:00Z") })).toEqual([
      { team_id: h.tier1.id, open: 1, unattended: 0, unassigned: 1 },
    ]);
    const other = await f.createWorkspace(db());
    await f.createConversation(db(), other.account.id, other.inbox.id, { status: "open" });
    expect(await grouped(`/x?group_by=assignee_id&inbox_ids[]=${other.inbox.id}`)).toEqual([]);
    const bad = await call(liveGroupedRoute.GET, { token: h.token, params: h.params, path: `/x?group_by=inbox_id&inbox_ids[]=${h.sales.id}` });
    expect(bad).toEqual({ status: 422, body: expect.objectContaining({ error: "invalid group_by" }) });
  });
});
