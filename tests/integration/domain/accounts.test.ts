import { describe, expect, it } from "vitest";
import { systemActor, userActor } from "@/lib/auth/actor";
import { accessibleInboxIds, requireAccountAccess } from "@/lib/accounts/access";
import { getAccount, updateAccount } from "@/lib/accounts/account";
import { listAgents, removeAgent, updateAgent } from "@/lib/accounts/agents";
import { inviteAgent } from "@/lib/accounts/invitations/invite-agent";
import { getProfile } from "@/lib/accounts/profile";
import { accountUsers } from "@/db/schema";
import { getConversation } from "@/lib/conversations/get-conversation";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

describe("account access", () => {
  it("answers not found for an account the user does not belong to, and for one that does not exist", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    await expect(requireAccountAccess(db(), userActor(a.admin.id), b.account.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(requireAccountAccess(db(), userActor(a.admin.id), 999_999)).rejects.toMatchObject({ code: "not_found" });
    await expect(requireAccountAccess(db(), systemActor("test"), 999_999)).rejects.toMatchObject({ code: "not_found" });
    expect(await requireAccountAccess(db(), systemActor("test"), b.account.id)).toMatchObject({ role: "system", userId: null });
    const agentAccess = await requireAccountAccess(db(), userActor(a.agent.id), a.account.id);
    expect(await accessibleInboxIds(db(), agentAccess)).toEqual([a.inbox.id]);
    expect(await accessibleInboxIds(db(), await requireAccountAccess(db(), userActor(a.admin.id), a.account.id))).toBe("all");
  });

  it("lets administrators rename the account and not agents", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    await expect(updateAccount(db(), userActor(agent.id), account.id, { name: "Hijacked" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateAccount(db(), userActor(admin.id), account.id, { name: " " })).rejects.toMatchObject({ code: "invalid" });
    await updateAccount(db(), userActor(admin.id), account.id, { name: "Acme Support" });
    expect((await getAccount(db(), userActor(agent.id), account.id)).name).toBe("Acme Support");
  });

  it("returns the profile with every account and role", async () => {
    const a = await f.createWorkspace(db(), { accountName: "First" });
    const second = await f.createAccount(db(), { name: "Second" });
    await db().insert(accountUsers).values({ accountId: second.id, userId: a.agent.id, role: "administrator" });
    const profile = await getProfile(db(), a.agent.id);
    expect(profile.accounts.map((x) => [x.name, x.role])).toEqual([
      ["First", "agent"],
      ["Second", "administrator"],
    ]);
    expect(profile.hasApiAccessToken).toBe(true);
  });
});

describe("agents", () => {
  it("keeps agents from managing agents, except their own availability", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    await expect(inviteAgent(db(), userActor(agent.id), account.id, { name: "X", email: "x@example.test" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateAgent(db(), userActor(agent.id), account.id, agent.id, { role: "administrator" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateAgent(db(), userActor(agent.id), account.id, admin.id, { availability: "busy" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeAgent(db(), userActor(agent.id), account.id, admin.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await updateAgent(db(), userActor(agent.id), account.id, agent.id, { availability: "busy" })).availability).toBe("busy");
    const promoted = await updateAgent(db(), userActor(admin.id), account.id, agent.id, { role: "administrator" });
    expect(promoted).toMatchObject({ role: "administrator" });
  });

  it("never removes the last administrator nor lets anyone remove themselves", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    await expect(removeAgent(db(), userActor(admin.id), account.id, admin.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeAgent(db(), systemActor("test"), account.id, admin.id)).rejects.toMatchObject({ code: "invalid" });
    await expect(updateAgent(db(), userActor(admin.id), account.id, admin.id, { role: "agent" })).rejects.toMatchObject({ code: "invalid" });

    const conv = await f.createConversation(db(), account.id, inbox.id, { assigneeId: agent.id });
    await removeAgent(db(), userActor(admin.id), account.id, agent.id);
    expect((await listAgents(db(), userActor(admin.id), account.id)).map((x) => x.id)).toEqual([admin.id]);
    await expect(requireAccountAccess(db(), userActor(agent.id), account.id)).rejects.toMatchObject({ code: "not_found" });
    // Their conversations are unassigned by a job: tests/integration/accounts/remove-agent.test.ts.
    expect((await getConversation(db(), userActor(admin.id), account.id, conv.displayId)).id).toBe(conv.id);
  });

  it("does not touch agents of another account", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    await expect(updateAgent(db(), userActor(a.admin.id), a.account.id, b.agent.id, { name: "Renamed" })).rejects.toMatchObject({ code: "not_found" });
    await expect(removeAgent(db(), userActor(a.admin.id), a.account.id, b.agent.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listAgents(db(), userActor(a.admin.id), b.account.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
