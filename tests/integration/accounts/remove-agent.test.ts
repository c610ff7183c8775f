import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountUsers, conversations, inboxMembers, messages, teamMembers, users } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { removeAgent, updateAgent } from "@/lib/accounts/agents";
import { unassignRemovedAgent } from "@/lib/accounts/remove-agent";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { changeTeamMembers, createTeam } from "@/lib/teams/teams";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { useJobRunner } from "../../support/job-runner";

/**
 * Removing a member (Chatwoot's behaviour): their access ends at once (membership, inboxes,
 * teams), their conversations are unassigned by a job — not deleted, not given to anyone — each
 * with an activity line; nobody removes themselves; the last verified administrator stays, also
 * under concurrent demotions.
 */
const db = useTestDatabase();
useJobRunner(db);

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - start > timeoutMs) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("removing an agent", () => {
  it("ends their access at once, leaves every team and inbox, and the job unassigns their conversations with an activity line", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const sales = await f.createInbox(db(), account.id, { name: "Sales", memberIds: [agent.id] });
    const colleague = await f.createAgent(db(), account.id, { name: "Carol Colleague" });
    for (const name of ["Billing", "Escalations"]) {
      const team = await createTeam(db(), userActor(admin.id), account.id, { name });
      await changeTeamMembers(db(), userActor(admin.id), account.id, team.id, "add", { userIds: [agent.id, colleague.id] });
    }
    const theirs = [
      await f.createConversation(db(), account.id, inbox.id, { assigneeId: agent.id }),
      await f.createConversation(db(), account.id, sales.id, { assigneeId: agent.id, status: "resolved" }),
    ];
    const other = await f.createConversation(db(), account.id, inbox.id, { assigneeId: colleague.id });

    await removeAgent(db(), userActor(admin.id), account.id, agent.id);

    await expect(requireAccountAccess(db(), userActor(agent.id), account.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db().select().from(inboxMembers).where(eq(inboxMembers.userId, agent.id))).toEqual([]);
    expect(await db().select().from(teamMembers).where(eq(teamMembers.userId, agent.id))).toEqual([]);
    expect((await db().select().from(teamMembers).where(eq(teamMembers.userId, colleague.id))).length).toBe(2);

    const rows = await eventually(
      () => db().select().from(conversations).where(eq(conversations.accountId, account.id)),
      (list) => list.filter((c) => c.assigneeId === agent.id).length === 0,
    );
    for (const c of theirs) {
      const row = rows.find((r) => r.id === c.id);
      expect(row).toMatchObject({ assigneeId: null, status: c.status, inboxId: c.inboxId });
      const lines = await db().select().from(messages).where(and(eq(messages.conversationId, c.id), eq(messages.messageType, "activity")));
      expect(lines.map((m) => m.content)).toEqual(["Bob Agent was removed from the account: conversation unassigned"]);
    }
    expect(rows.find((r) => r.id === other.id)?.assigneeId).toBe(colleague.id);
    // The user stays (they may belong to other accounts).
    expect((await db().select().from(users).where(eq(users.id, agent.id))).length).toBe(1);
  });

  it("leaves the conversations alone when the agent was added back before the job ran, and a second run does nothing", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id, { assigneeId: agent.id });
    expect(await unassignRemovedAgent(db(), { accountId: account.id, userId: agent.id, name: "Bob" })).toEqual({ unassigned: 0 });
    await db().delete(accountUsers).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, agent.id)));
    expect(await unassignRemovedAgent(db(), { accountId: account.id, userId: agent.id, name: "Bob" })).toEqual({ unassigned: 1 });
    expect(await unassignRemovedAgent(db(), { accountId: account.id, userId: agent.id, name: "Bob" })).toEqual({ unassigned: 0 });
    const [row] = await db().select().from(conversations).where(eq(conversations.id, conv.id));
    expect(row.assigneeId).toBeNull();
  });

  it("refuses to remove yourself", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const second = await f.createAgent(db(), account.id, { role: "administrator" });
    await expect(removeAgent(db(), userActor(admin.id), account.id, admin.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeAgent(db(), userActor(second.id), account.id, second.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await db().select().from(accountUsers).where(eq(accountUsers.accountId, account.id))).length).toBe(3);
  });

  it("keeps the last verified administrator: an unverified one does not count", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const unverified = await f.createUser(db(), { confirmedAt: null });
    await db().insert(accountUsers).values({ accountId: account.id, userId: unverified.id, role: "administrator" });

    await expect(removeAgent(db(), userActor(unverified.id), account.id, admin.id)).rejects.toThrow("The last verified administrator cannot be removed");
    await expect(updateAgent(db(), userActor(unverified.id), account.id, admin.id, { role: "agent" })).rejects.toThrow(
      "The last verified administrator cannot be made an agent",
    );
    const [membership] = await db().select().from(accountUsers).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, admin.id)));
    expect(membership.role).toBe("administrator");
    // The unverified one may go.
    await removeAgent(db(), userActor(admin.id), account.id, unverified.id);
  });

  it("lets only one of two concurrent demotions of the last two verified administrators through", async () => {
    for (let round = 0; round < 3; round++) {
      const { account, admin } = await f.createWorkspace(db());
      const second = await f.createAgent(db(), account.id, { role: "administrator" });
      const results = await Promise.allSettled([
        updateAgent(db(), userActor(admin.id), account.id, second.id, { role: "agent" }),
        updateAgent(db(), userActor(second.id), account.id, admin.id, { role: "agent" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
      const admins = await db()
        .select()
        .from(accountUsers)
        .where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.role, "administrator")));
      expect(admins.length).toBe(1);
    }
  });

  it("counts a custom role as a demotion", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const role = await createCustomRole(db(), userActor(admin.id), account.id, { name: "Support lead", permissions: ["conversation_manage"] });
    await expect(updateAgent(db(), userActor(admin.id), account.id, admin.id, { customRoleId: role.id })).rejects.toMatchObject({ code: "invalid" });
  });
});
