import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/messages/create-message";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { conversations } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { markConversationRead } from "@/lib/conversations/mark-read";
import { sidebarCounts } from "@/lib/conversations/sidebar-counts";
import { and, eq } from "drizzle-orm";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

describe("sidebarCounts (the sidebar's unread/total)", () => {
  it("counts open conversations per inbox and view, unread = incoming messages not seen, only in the agent's inboxes", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const other = await f.createInbox(db(), account.id, { name: "Admins only", memberIds: [admin.id] });
    const unreadMine = await f.createConversation(db(), account.id, inbox.id, { assigneeId: agent.id });
    await f.createMessage(db(), unreadMine);
    const readUnassigned = await f.createConversation(db(), account.id, inbox.id, { agentLastSeenAt: new Date(Date.now() + 60_000) });
    await f.createMessage(db(), readUnassigned);
    const outgoingOnly = await f.createConversation(db(), account.id, inbox.id);
    await f.createMessage(db(), outgoingOnly, { messageType: "outgoing" });
    const resolved = await f.createConversation(db(), account.id, inbox.id, { status: "resolved" });
    await f.createMessage(db(), resolved);
    const hidden = await f.createConversation(db(), account.id, other.id);
    await f.createMessage(db(), hidden);

    const forAgent = await sidebarCounts(db(), userActor(agent.id), account.id);
    expect(forAgent.inboxes).toEqual({ [inbox.id]: { unread: 1, total: 3 } });
    expect(forAgent.views).toEqual({ mine: { unread: 1, total: 1 }, unassigned: { unread: 0, total: 2 }, all: { unread: 1, total: 3 } });

    // The administrator sees every inbox; nothing is assigned to them.
    const forAdmin = await sidebarCounts(db(), userActor(admin.id), account.id);
    expect(forAdmin.inboxes).toEqual({ [inbox.id]: { unread: 1, total: 3 }, [other.id]: { unread: 1, total: 1 } });
    expect(forAdmin.views.mine).toEqual({ unread: 0, total: 0 });
    expect(forAdmin.views.all).toEqual({ unread: 2, total: 4 });

    // Opening (reading) a conversation makes it read for everyone; resolving takes it out of the totals.
    await markConversationRead(db(), userActor(agent.id), account.id, unreadMine.displayId);
    await db().update(conversations).set({ status: "resolved" }).where(and(eq(conversations.accountId, account.id), eq(conversations.id, outgoingOnly.id)));
    const after = await sidebarCounts(db(), userActor(agent.id), account.id);
    expect(after.inboxes[inbox.id]).toEqual({ unread: 0, total: 2 });
    expect(after.views.all).toEqual({ unread: 0, total: 2 });
  });

  it("refuses someone outside the account and gives an agent with no inbox zeros", async () => {
    const { account } = await f.createWorkspace(db());
    const stranger = await f.createUser(db());
    await expect(sidebarCounts(db(), userActor(stranger.id), account.id)).rejects.toMatchObject({ code: "not_found" });
    const loner = await f.createAgent(db(), account.id);
    expect(await sidebarCounts(db(), userActor(loner.id), account.id)).toEqual({
      inboxes: {},
      views: { mine: { unread: 0, total: 0 }, unassigned: { unread: 0, total: 0 }, all: { unread: 0, total: 0 } },
      mentions: 0,
    });
  });

  it("counts the open conversations that mention the viewer (the Mentions view)", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const one = await f.createConversation(db(), account.id, inbox.id);
    const two = await f.createConversation(db(), account.id, inbox.id);
    const mention = (displayId: number) =>
      createMessage(db(), userActor(admin.id), account.id, displayId, { content: `[@Bob](mention://user/${agent.id}/Bob) see this`, private: true });
    await mention(one.displayId);
    await mention(one.displayId);
    await mention(two.displayId);
    expect((await sidebarCounts(db(), userActor(agent.id), account.id)).mentions).toBe(2);
    expect((await sidebarCounts(db(), userActor(admin.id), account.id)).mentions).toBe(0);
    await toggleStatus(db(), userActor(agent.id), account.id, two.displayId, { status: "resolved" });
    expect((await sidebarCounts(db(), userActor(agent.id), account.id)).mentions).toBe(1);
  });
});
