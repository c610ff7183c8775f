import { eq, and } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountUsers } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { updateAgent } from "@/lib/accounts/agents";
import { liveOverview } from "@/lib/reports/live-overview";
import { createCustomRole } from "@/lib/roles/custom-roles";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

/**
 * The reports overview's live view: what waits now and who is there, for the whole account, to
 * those who may see reports — and what a conversation's change does to it at once.
 */
describe("the reports' live view", () => {
  it("counts open, unassigned and pending conversations of every inbox, and each agent's presence and open load", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const other = await f.createInbox(db(), account.id, { name: "Billing", memberIds: [admin.id] });
    await f.createConversation(db(), account.id, inbox.id, { assigneeId: agent.id });
    await f.createConversation(db(), account.id, other.id, { assigneeId: agent.id });
    await f.createConversation(db(), account.id, other.id, { assigneeId: admin.id });
    await f.createConversation(db(), account.id, inbox.id);
    await f.createConversation(db(), account.id, inbox.id, { status: "pending" });
    await f.createConversation(db(), account.id, inbox.id, { status: "resolved", assigneeId: agent.id });
    await db().update(accountUsers).set({ availability: "busy" }).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, agent.id)));
    const third = await f.createAgent(db(), account.id, { name: "Carl Here" });
    // Online with an open tab a minute ago; the administrator chose online but has no tab open.
    await db().update(accountUsers).set({ lastSeenAt: new Date(Date.now() - 60_000) }).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, third.id)));
    // Another account's conversations never count.
    const elsewhere = await f.createWorkspace(db());
    await f.createConversation(db(), elsewhere.account.id, elsewhere.inbox.id);

    const live = await liveOverview(db(), userActor(admin.id), account.id);
    expect({ open: live.open, unassigned: live.unassigned, pending: live.pending }).toEqual({ open: 4, unassigned: 1, pending: 1 });
    // Busiest first.
    expect(live.agents.map((a) => [a.name, a.availability, a.open])).toEqual([
      ["Bob Agent", "busy", 2],
      ["Alice Admin", "offline", 1],
      ["Carl Here", "online", 0],
    ]);
  });

  it("is for administrators and roles that may see reports only", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    await expect(liveOverview(db(), userActor(agent.id), account.id)).rejects.toMatchObject({ code: "forbidden" });
    const role = await createCustomRole(db(), userActor(admin.id), account.id, { name: "Lead", permissions: ["conversation_manage", "report_manage"] });
    await updateAgent(db(), userActor(admin.id), account.id, agent.id, { customRoleId: role.id });
    await expect(liveOverview(db(), userActor(agent.id), account.id)).resolves.toMatchObject({ open: 0 });
    const stranger = await f.createWorkspace(db());
    await expect(liveOverview(db(), userActor(stranger.admin.id), account.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
