import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as assign from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/assignments/route";
import * as messages from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import * as accountRoute from "@/app/api/v1/accounts/[account_id]/route";
import { accounts, conversations, messages as messagesTable } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { listAssignableAgents } from "@/lib/inboxes/members";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();
const assigneeOf = async (id: number) => (await db().select({ a: conversations.assigneeId }).from(conversations).where(eq(conversations.id, id)))[0].a;

describe("replying assigns an unassigned conversation (issue 10 item 7)", () => {
  it("assigns the replying agent, not on a private note, never over another assignee", async () => {
    // (A conversation an agent opens, before the customer wrote, is not "replied to": see api/conversations.test.ts.)
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    await f.createMessage(db(), conv, { content: "My order never came" });
    const params = { account_id: account.id, conversation_id: conv.displayId };

    await call(messages.POST, { token: agent.apiAccessToken, params, body: { content: "internal", private: true } });
    expect(await assigneeOf(conv.id)).toBeNull();
    const reply = await call(messages.POST, { token: agent.apiAccessToken, params, body: { content: "Hello!", message_type: "outgoing" } });
    expect(reply.status).toBe(200);
    expect(await assigneeOf(conv.id)).toBe(agent.id);
    const lines = await db().select({ content: messagesTable.content }).from(messagesTable).where(and(eq(messagesTable.conversationId, conv.id), eq(messagesTable.messageType, "activity")));
    expect(lines.map((l) => l.content)).toContain("Bob Agent self-assigned this conversation");

    // Someone else replying later does not take it over.
    await f.addInboxMember(db(), account.id, inbox.id, admin.id);
    await call(messages.POST, { token: admin.apiAccessToken, params, body: { content: "Adding to that", message_type: "outgoing" } });
    expect(await assigneeOf(conv.id)).toBe(agent.id);
  });

  it("can be switched off per account, by an administrator only (settings.assign_on_reply in the account API)", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const shown = await call(accountRoute.GET, { token: agent.apiAccessToken, params: { account_id: account.id } });
    expect(shown.body.settings).toMatchObject({ assign_on_reply: true });
    const refused = await call(accountRoute.PATCH, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { assign_on_reply: false } });
    expect(refused.status).toBe(403);
    const off = await call(accountRoute.PATCH, { token: admin.apiAccessToken, params: { account_id: account.id }, body: { assign_on_reply: false } });
    expect(off.status).toBe(200);
    expect(off.body.settings).toMatchObject({ assign_on_reply: false });
    expect((await db().select({ on: accounts.assignOnReply }).from(accounts).where(eq(accounts.id, account.id)))[0].on).toBe(false);
    const conv = await f.createConversation(db(), account.id, inbox.id);
    await f.createMessage(db(), conv);
    await call(messages.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conv.displayId }, body: { content: "Hi" } });
    expect(await assigneeOf(conv.id)).toBeNull();
  });

  it("lets an administrator be assigned in an inbox they are not a member of", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const res = await call(assign.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conv.displayId }, body: { assignee_id: admin.id } });
    expect(res.status).toBe(200);
    expect(await assigneeOf(conv.id)).toBe(admin.id);
    // The picker offers members first, then administrators, flagged as not members.
    const assignable = await listAssignableAgents(db(), userActor(agent.id), account.id, inbox.id);
    expect(assignable.map((a) => [a.id, a.inboxMember])).toEqual([
      [agent.id, true],
      [admin.id, false],
    ]);
    // An agent outside the inbox still cannot be assigned.
    const outsider = await f.createAgent(db(), account.id);
    const refused = await call(assign.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conv.displayId }, body: { assignee_id: outsider.id } });
    expect(refused.status).toBe(422);
  });
});
