import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as executeRoute from "@/app/api/v1/accounts/[account_id]/macros/[id]/execute/route";
import * as macroRoute from "@/app/api/v1/accounts/[account_id]/macros/[id]/route";
import * as macrosRoute from "@/app/api/v1/accounts/[account_id]/macros/route";
import { conversations, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { createTeam } from "@/lib/teams/teams";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

async function setup() {
  const w = await f.createWorkspace(db());
  for (const title of ["billing", "vip"]) await createLabel(db(), userActor(w.admin.id), w.account.id, { title });
  const team = await createTeam(db(), userActor(w.admin.id), w.account.id, { name: "Billing" });
  const params = { account_id: w.account.id };
  return { ...w, team, params };
}

describe("macros API (Chatwoot's shapes)", () => {
  it("CRUD: personal macros are their creator's, global ones everyone's; agents cannot make them global", async () => {
    const s = await setup();
    const body = {
      name: "Billing triage",
      visibility: "global",
      actions: [
        { action_name: "add_label", action_params: ["billing"] },
        { action_name: "assign_team", action_params: [s.team.id] },
        { action_name: "change_priority", action_params: ["high"] },
      ],
    };
    const created = await call(macrosRoute.POST, { token: s.admin.apiAccessToken, params: s.params, body });
    expect(created.status).toBe(200);
    expect(created.body.payload).toEqual({
      id: expect.any(Number),
      name: "Billing triage",
      visibility: "global",
      created_by: expect.objectContaining({ id: s.admin.id, name: "Alice Admin", email: s.admin.email }),
      updated_by: expect.objectContaining({ id: s.admin.id }),
      account_id: s.account.id,
      actions: body.actions,
    });
    const mine = await call(macrosRoute.POST, { token: s.agent.apiAccessToken, params: s.params, body: { macro: { name: "Mine", visibility: "global", actions: [{ action_name: "resolve_conversation", action_params: [] }] } } });
    expect(mine.body.payload.visibility).toBe("personal");

    const other = await f.createAgent(db(), s.account.id, { role: "agent", name: "Carl" });
    const names = async (token: string) => (await call(macrosRoute.GET, { token, params: s.params })).body.payload.map((m: { name: string }) => m.name);
    expect(await names(s.agent.apiAccessToken)).toEqual(["Billing triage", "Mine"]);
    expect(await names(other.apiAccessToken)).toEqual(["Billing triage"]);
    expect((await call(macroRoute.GET, { token: other.apiAccessToken, params: { ...s.params, id: mine.body.payload.id } })).status).toBe(404);
    expect((await call(macroRoute.PATCH, { token: s.agent.apiAccessToken, params: { ...s.params, id: created.body.payload.id }, body: { name: "Hijack" } })).status).toBe(403);

    const renamed = await call(macroRoute.PATCH, { token: s.agent.apiAccessToken, params: { ...s.params, id: mine.body.payload.id }, body: { name: "Mine, renamed" } });
    expect(renamed.body.payload).toMatchObject({ name: "Mine, renamed", visibility: "personal" });
    const bad = await call(macrosRoute.POST, { token: s.admin.apiAccessToken, params: s.params, body: { name: "x", actions: [{ action_name: "format_disk", action_params: [] }] } });
    expect(bad.status).toBe(422);
    const badStatus = await call(macrosRoute.POST, { token: s.admin.apiAccessToken, params: s.params, body: { name: "x", actions: [{ action_name: "change_status", action_params: ["gone"] }] } });
    expect(badStatus.status).toBe(422);
    expect((await call(macroRoute.DELETE, { token: s.agent.apiAccessToken, params: { ...s.params, id: mine.body.payload.id } })).status).toBe(200);
    expect(await names(s.agent.apiAccessToken)).toEqual(["Billing triage"]);
  });

  it("execute runs every action through the domain as the caller, on each conversation they can see", async () => {
    const s = await setup();
    const macro = (
      await call(macrosRoute.POST, {
        token: s.admin.apiAccessToken,
        params: s.params,
        body: {
          name: "Escalate",
          visibility: "global",
          actions: [
            { action_name: "add_label", action_params: ["vip"] },
            { action_name: "assign_team", action_params: [s.team.id] },
            { action_name: "assign_agent", action_params: [s.agent.id] },
            { action_name: "change_priority", action_params: ["urgent"] },
            { action_name: "add_private_note", action_params: ["Escalated by macro"] },
            { action_name: "send_message", action_params: ["We are on it."] },
            { action_name: "change_status", action_params: ["pending"] },
          ],
        },
      })
    ).body.payload;
    const c1 = await f.createConversation(db(), s.account.id, s.inbox.id);
    const c2 = await f.createConversation(db(), s.account.id, s.inbox.id);
    const hidden = await f.createInbox(db(), s.account.id, { name: "Hidden" });
    const c3 = await f.createConversation(db(), s.account.id, hidden.id);

    const r = await call(executeRoute.POST, { token: s.agent.apiAccessToken, params: { ...s.params, id: macro.id }, body: { conversation_ids: [c1.displayId, c2.displayId, c3.displayId] } });
    expect(r.status).toBe(200);
    expect(r.body).toBeNull();

    for (const c of [c1, c2]) {
      const [row] = await db().select().from(conversations).where(eq(conversations.id, c.id));
      expect(row).toMatchObject({ teamId: s.team.id, assigneeId: s.agent.id, priority: "urgent", status: "pending" });
      expect(await getConversationLabels(db(), userActor(s.admin.id), s.account.id, c.displayId)).toEqual(["vip"]);
      const written = await db().select({ content: messages.content, private: messages.private, senderId: messages.senderId }).from(messages).where(and(eq(messages.conversationId, c.id), eq(messages.messageType, "outgoing")));
      expect(written).toEqual([
        { content: "Escalated by macro", private: true, senderId: s.agent.id },
        { content: "We are on it.", private: false, senderId: s.agent.id },
      ]);
    }
    // The agent is not a member of the hidden inbox: nothing happened there.
    const [untouched] = await db().select().from(conversations).where(eq(conversations.id, c3.id));
    expect(untouched).toMatchObject({ teamId: null, assigneeId: null, priority: null, status: "open" });
    expect((await call(executeRoute.POST, { token: s.agent.apiAccessToken, params: { ...s.params, id: 999999 }, body: { conversation_ids: [c1.displayId] } })).status).toBe(404);
  });
});
