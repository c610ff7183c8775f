import { describe, expect, it } from "vitest";
import * as assignments from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/assignments/route";
import * as conversation from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as team from "@/app/api/v1/accounts/[account_id]/teams/[id]/route";
import * as members from "@/app/api/v1/accounts/[account_id]/teams/[id]/team_members/route";
import * as teams from "@/app/api/v1/accounts/[account_id]/teams/route";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

async function setup() {
  const w = await f.createWorkspace(db());
  const params = { account_id: w.account.id };
  const created = await call(teams.POST, { token: w.admin.apiAccessToken, params, body: { team: { name: "Billing", description: "Money matters", allow_auto_assign: false } } });
  expect(created.status).toBe(200);
  const c = await f.createConversation(db(), w.account.id, w.inbox.id);
  return { ...w, params, team: created.body, cparams: { ...params, conversation_id: c.displayId } };
}

describe("teams API (Chatwoot's shapes)", () => {
  it("assignments with only team_id sets the team and keeps the agent (Chatwoot's request shape)", async () => {
    const s = await setup();
    const assigned = await call(assignments.POST, { token: s.admin.apiAccessToken, params: s.cparams, body: { assignee_id: s.agent.id } });
    expect(assigned.body).toMatchObject({ id: s.agent.id });

    const withTeam = await call(assignments.POST, { token: s.admin.apiAccessToken, params: s.cparams, body: { team_id: s.team.id } });
    expect(withTeam.status).toBe(200);
    expect(withTeam.body).toMatchObject({ id: s.team.id, name: "Billing" });
    const shown = (await call(conversation.GET, { token: s.admin.apiAccessToken, params: s.cparams })).body;
    expect(shown.meta.assignee).toMatchObject({ id: s.agent.id });
    expect(shown.meta.team).toMatchObject({ id: s.team.id, name: "Billing" });

    // An empty body changes nothing, as in Chatwoot.
    expect((await call(assignments.POST, { token: s.admin.apiAccessToken, params: s.cparams, body: {} })).body).toBeNull();
    const after = (await call(conversation.GET, { token: s.admin.apiAccessToken, params: s.cparams })).body;
    expect(after.meta.assignee).toMatchObject({ id: s.agent.id });
    expect(after.meta.team).toMatchObject({ id: s.team.id });

    // team_id null takes it off the team, still keeping the agent; another account's team is unknown.
    await call(assignments.POST, { token: s.admin.apiAccessToken, params: s.cparams, body: { team_id: null } });
    const cleared = (await call(conversation.GET, { token: s.admin.apiAccessToken, params: s.cparams })).body;
    expect(cleared.meta.team).toBeUndefined();
    expect(cleared.meta.assignee).toMatchObject({ id: s.agent.id });
    const other = await setup();
    expect((await call(assignments.POST, { token: s.admin.apiAccessToken, params: s.cparams, body: { team_id: other.team.id } })).status).toBe(404);
  });

  it("administrators manage teams and members with user_ids; agents list teams with is_member", async () => {
    const s = await setup();
    expect(s.team).toEqual({ id: expect.any(Number), name: "Billing", description: "Money matters", allow_auto_assign: false, account_id: s.account.id, is_member: false });
    expect((await call(teams.POST, { token: s.admin.apiAccessToken, params: s.params, body: { name: "billing" } })).status).toBe(422);
    expect((await call(teams.POST, { token: s.agent.apiAccessToken, params: s.params, body: { name: "Sales" } })).status).toBe(403);
    const mparams = { ...s.params, id: s.team.id };

    const added = await call(members.POST, { token: s.admin.apiAccessToken, params: mparams, body: { user_ids: [s.agent.id, s.admin.id] } });
    expect(added.status).toBe(200);
    expect(added.body.map((m: { id: number }) => m.id).sort()).toEqual([s.agent.id, s.admin.id].sort());
    expect(added.body[0]).toMatchObject({ account_id: s.account.id, available_name: expect.any(String), role: expect.any(String) });
    expect((await call(teams.GET, { token: s.agent.apiAccessToken, params: s.params })).body).toEqual([{ ...s.team, is_member: true }]);

    const stranger = await f.createWorkspace(db());
    expect((await call(members.POST, { token: s.admin.apiAccessToken, params: mparams, body: { user_ids: [stranger.agent.id] } })).status).toBe(422);

    const replaced = await call(members.PATCH, { token: s.admin.apiAccessToken, params: mparams, body: { user_ids: [s.admin.id] } });
    expect(replaced.body.map((m: { id: number }) => m.id)).toEqual([s.admin.id]);
    expect((await call(members.GET, { token: s.agent.apiAccessToken, params: mparams })).body.map((m: { id: number }) => m.id)).toEqual([s.admin.id]);
    const removed = await call(members.DELETE, { token: s.admin.apiAccessToken, params: mparams, body: { user_ids: [s.admin.id] } });
    expect(removed.status).toBe(200);
    expect((await call(members.GET, { token: s.admin.apiAccessToken, params: mparams })).body).toEqual([]);

    const patched = await call(team.PATCH, { token: s.admin.apiAccessToken, params: mparams, body: { team: { name: "Finance" } } });
    expect(patched.body).toMatchObject({ name: "Finance", description: "Money matters" });
    expect((await call(team.GET, { token: stranger.admin.apiAccessToken, params: { account_id: stranger.account.id, id: s.team.id } })).status).toBe(404);

    // Deleting a team leaves its conversations with their agent.
    await call(assignments.POST, { token: s.admin.apiAccessToken, params: s.cparams, body: { team_id: s.team.id, assignee_id: s.agent.id } });
    expect((await call(team.DELETE, { token: s.admin.apiAccessToken, params: mparams })).status).toBe(200);
    const shown = (await call(conversation.GET, { token: s.admin.apiAccessToken, params: s.cparams })).body;
    expect(shown.meta.team).toBeUndefined();
    expect(shown.meta.assignee).toMatchObject({ id: s.agent.id });
  });
});
