import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as downloadRoute from "@/app/api/v1/accounts/[account_id]/applied_slas/download/route";
import * as metricsRoute from "@/app/api/v1/accounts/[account_id]/applied_slas/metrics/route";
import * as listRoute from "@/app/api/v1/accounts/[account_id]/applied_slas/route";
import * as policiesRoute from "@/app/api/v1/accounts/[account_id]/sla_policies/route";
import { userActor } from "@/lib/auth/actor";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { applySlaPolicy } from "@/lib/sla/apply";
import { sweepSlas } from "@/lib/sla/evaluate";
import { createTeam } from "@/lib/teams/teams";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();
const at = (iso: string) => new Date(iso);
const unix = (iso: string) => Math.floor(at(iso).getTime() / 1000);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A GET as Chatwoot's dashboard sends it: the query string written by hand (`label_list[]=`, repeated keys). */
async function get(handler: Handler, token: string, accountId: number, query = "") {
  const request = new Request(`http://localhost:3000/api/v1/accounts/${accountId}/applied_slas?${query}`, { headers: { api_access_token: token } });
  const response = await handler(request, { params: Promise.resolve({ account_id: String(accountId) }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: response.headers.get("content-type")?.includes("json") && text ? JSON.parse(text) : null };
}

/**
 * Four conversations under two policies, applied on 1 December: `late` missed its first response
 * (assigned, labelled, in a team), `resolvedLate` missed then was resolved (status missed),
 * `onTime` met it, `blocked` missed but its contact is blocked (left out, as Chatwoot leaves it).
 */
async function seed() {
  const w = await f.createWorkspace(db());
  const params = { account_id: w.account.id };
  const policy = async (body: Record<string, unknown>) => (await call(policiesRoute.POST, { token: w.admin.apiAccessToken, params, body })).body.payload as { id: number };
  const hour = await policy({ name: "Hour", description: "One hour", first_response_time_threshold: 3600 });
  const day = await policy({ name: "Day", resolution_time_threshold: 86_400 });
  const billing = await f.createInbox(db(), w.account.id, { name: "Billing", memberIds: [w.agent.id] });
  const team = await createTeam(db(), userActor(w.admin.id), w.account.id, { name: "Tier 2" });
  const mk = (inboxId: number, o: Parameters<typeof f.createConversation>[3] = {}) => f.createConversation(db(), w.account.id, inboxId, { createdAt: at("2026-12-01T09:00:00Z"), ...o });
  const late = await mk(w.inbox.id, { assigneeId: w.agent.id, teamId: team.id });
  const resolvedLate = await mk(billing.id);
  const onTime = await mk(w.inbox.id, { createdAt: at("2026-12-01T09:50:00Z") });
  const blockedContact = await f.createContact(db(), w.account.id, { name: "Spammer", blocked: true });
  const blocked = await mk(w.inbox.id, { contactId: blockedContact.id });
  const dayLate = await mk(billing.id, { createdAt: at("2026-11-20T09:00:00Z") });
  for (const c of [late, resolvedLate, onTime, blocked]) await applySlaPolicy(db(), userActor(w.admin.id), w.account.id, c.displayId, { slaPolicyId: hour.id }, at("2026-12-01T09:55:00Z"));
  await applySlaPolicy(db(), userActor(w.admin.id), w.account.id, dayLate.displayId, { slaPolicyId: day.id }, at("2026-12-01T09:55:00Z"));
  // The applications' own times, so since/until have something to choose between.
  await db().execute(sql`update applied_slas set created_at = '2026-12-01T09:55:00Z' where account_id = ${w.account.id}`);
  await db().execute(sql`update applied_slas set created_at = '2026-11-20T09:05:00Z' where account_id = ${w.account.id} and conversation_id = ${dayLate.id}`);
  await db().execute(sql`insert into labels (account_id, title) values (${w.account.id}, 'vip'), (${w.account.id}, 'refund')`);
  await db().execute(sql`insert into conversation_labels (account_id, conversation_id, label_id)
    select ${w.account.id}, ${late.id}, id from labels where account_id = ${w.account.id} and title in ('vip', 'refund')`);
  await sweepSlas(db(), at("2026-12-01T10:30:00Z"));
  await toggleStatus(db(), userActor(w.admin.id), w.account.id, resolvedLate.displayId, { status: "resolved" });
  await sweepSlas(db(), at("2026-12-01T10:31:00Z"));
  return { ...w, params, hour, day, billing, team, late, resolvedLate, onTime, blocked, dayLate };
}

describe("Chatwoot's /applied_slas report", () => {
  it("lists the conversations that missed a target with Chatwoot's fields, newest first, and narrows them by its filters", async () => {
    const s = await seed();
    const token = s.admin.apiAccessToken;
    const list = await get(listRoute.GET, token, s.account.id);
    expect(list.status, list.text).toBe(200);
    expect(list.body.meta).toEqual({ count: 3, current_page: 1 });
    const byConversation = new Map(list.body.payload.map((row: { conversation: { id: number } }) => [row.conversation.id, row]));
    expect([...byConversation.keys()].sort()).toEqual([s.late.displayId, s.resolvedLate.displayId, s.dayLate.displayId].sort());
    // The SLA applied last comes first (1 December before 20 November).
    expect(list.body.payload.at(-1).conversation.id).toBe(s.dayLate.displayId);
    expect(byConversation.get(s.late.displayId)).toMatchObject({
      applied_sla: {
        sla_id: s.hour.id,
        sla_status: "active_with_misses",
        sla_name: "Hour",
        sla_description: "One hour",
        sla_first_response_time_threshold: 3600,
        sla_next_response_time_threshold: null,
        sla_resolution_time_threshold: null,
        sla_only_during_business_hours: false,
        created_at: unix("2026-12-01T09:55:00Z"),
      },
      conversation: { id: s.late.displayId, labels: ["refund", "vip"], assignee: { id: s.agent.id, available_name: expect.any(String) } },
      sla_events: [{ event_type: "frt", meta: {}, id: expect.any(Number), created_at: expect.any(Number) }],
    });
    expect(byConversation.get(s.resolvedLate.displayId)).toMatchObject({ applied_sla: { sla_status: "missed" }, conversation: { labels: [] } });
    expect((byConversation.get(s.resolvedLate.displayId) as { conversation: object }).conversation).not.toHaveProperty("assignee");

    const ids = async (query: string) => (await get(listRoute.GET, token, s.account.id, query)).body.payload.map((r: { conversation: { id: number } }) => r.conversation.id).sort();
    expect(await ids(`inbox_id=${s.billing.id}`)).toEqual([s.resolvedLate.displayId, s.dayLate.displayId].sort());
    expect(await ids(`team_id=${s.team.id}`)).toEqual([s.late.displayId]);
    expect(await ids(`sla_policy_id=${s.day.id}`)).toEqual([s.dayLate.displayId]);
    expect(await ids(`assigned_agent_id=${s.agent.id}`)).toEqual([s.late.displayId]);
    expect(await ids("label_list[]=VIP&label_list[]=other")).toEqual([s.late.displayId]);
    expect(await ids("label_list=refund")).toEqual([s.late.displayId]);
    expect(await ids(`since=${unix("2026-11-30T00:00:00Z")}&until=${unix("2026-12-02T00:00:00Z")}`)).toEqual([s.late.displayId, s.resolvedLate.displayId].sort());
    expect((await get(listRoute.GET, token, s.account.id, "page=2")).body).toEqual({ payload: [], meta: { count: 3, current_page: 2 } });
    expect((await get(listRoute.GET, token, s.account.id, "inbox_id=abc")).status).toBe(422);
  });

  it("metrics count every applied SLA of the filters and the misses, with Chatwoot's hit rate", async () => {
    const s = await seed();
    const token = s.admin.apiAccessToken;
    // Four applied (the blocked contact's left out), three missed.
    const all = await get(metricsRoute.GET, token, s.account.id);
    expect(all.status, all.text).toBe(200);
    expect(all.body).toEqual({ total_applied_slas: 4, number_of_sla_misses: 3, hit_rate: "25.0%" });
    const hour = await get(metricsRoute.GET, token, s.account.id, `sla_policy_id=${s.hour.id}&inbox_id=${s.inbox.id}`);
    expect(hour.body).toEqual({ total_applied_slas: 2, number_of_sla_misses: 1, hit_rate: "50.0%" });
    const none = await get(metricsRoute.GET, token, s.account.id, `sla_policy_id=${s.hour.id}&assigned_agent_id=${s.admin.id}`);
    expect(none.body).toEqual({ total_applied_slas: 0, number_of_sla_misses: 0, hit_rate: "100%" });
  });

  it("downloads the misses as breached_conversation.csv; agents without report access are refused, other accounts see nothing", async () => {
    const s = await seed();
    const csv = await get(downloadRoute.GET, s.admin.apiAccessToken, s.account.id, `sla_policy_id=${s.hour.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("breached_conversation.csv");
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("Conversation ID,SLA Policy Breached,Assignee,Team,Inbox,Labels,Conversation Link,Breached Events");
    expect(lines).toHaveLength(3);
    const lateLine = lines.find((l) => l.startsWith(`${s.late.displayId},`));
    expect(lateLine).toMatch(new RegExp(`^${s.late.displayId},Hour,[^,]+,Tier 2,[^,]+,"refund, vip",http[^,]+/conversations/${s.late.displayId},frt$`));

    for (const route of [listRoute.GET, metricsRoute.GET, downloadRoute.GET]) {
      expect((await get(route, s.agent.apiAccessToken, s.account.id)).status).toBe(403);
    }
    const other = await f.createWorkspace(db());
    const foreign = await get(metricsRoute.GET, other.admin.apiAccessToken, other.account.id);
    expect(foreign.body).toEqual({ total_applied_slas: 0, number_of_sla_misses: 0, hit_rate: "100%" });
    expect((await get(listRoute.GET, other.admin.apiAccessToken, s.account.id)).status).toBe(404);
  });
});
