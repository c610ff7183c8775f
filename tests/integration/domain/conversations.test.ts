import { describe, expect, it } from "vitest";
import { userActor, systemActor } from "@/lib/auth/actor";
import { listConversations } from "@/lib/conversations/list-conversations";
import { getConversation } from "@/lib/conversations/get-conversation";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { markConversationRead } from "@/lib/conversations/mark-read";
import { updatePriority } from "@/lib/conversations/update-priority";
import { listMessages } from "@/lib/messages/list-messages";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe("conversation list", () => {
  it("shows an agent only conversations of their inboxes, newest activity first, with tab counts", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const otherInbox = await f.createInbox(db(), account.id, { name: "Sales" });
    const old = await f.createConversation(db(), account.id, inbox.id, { lastActivityAt: minutesAgo(30), assigneeId: agent.id });
    const recent = await f.createConversation(db(), account.id, inbox.id, { lastActivityAt: minutesAgo(1) });
    const hidden = await f.createConversation(db(), account.id, otherInbox.id, { lastActivityAt: minutesAgo(5) });
    await f.createConversation(db(), account.id, inbox.id, { status: "resolved" });

    const asAgent = await listConversations(db(), userActor(agent.id), account.id, { status: "open" });
    expect(asAgent.conversations.map((c) => c.displayId)).toEqual([recent.displayId, old.displayId]);
    expect(asAgent.meta).toEqual({ mineCount: 1, unassignedCount: 1, allCount: 2 });

    const asAdmin = await listConversations(db(), userActor(admin.id), account.id, { status: "open" });
    expect(asAdmin.conversations.map((c) => c.displayId)).toEqual([recent.displayId, hidden.displayId, old.displayId]);
    expect(asAdmin.meta).toEqual({ mineCount: 0, unassignedCount: 2, allCount: 3 });

    const mine = await listConversations(db(), userActor(agent.id), account.id, { status: "open", assigneeType: "me" });
    expect(mine.conversations.map((c) => c.displayId)).toEqual([old.displayId]);
    expect(mine.conversations[0].assignee?.name).toBe("Bob Agent");

    const unassigned = await listConversations(db(), userActor(admin.id), account.id, { status: "open", assigneeType: "unassigned" });
    expect(unassigned.conversations.map((c) => c.displayId)).toEqual([recent.displayId, hidden.displayId]);

    const all = await listConversations(db(), userActor(admin.id), account.id, { status: "all" });
    expect(all.meta.allCount).toBe(4);

    const byInbox = await listConversations(db(), userActor(admin.id), account.id, { inboxId: otherInbox.id });
    expect(byInbox.conversations.map((c) => c.displayId)).toEqual([hidden.displayId]);
    await expect(listConversations(db(), userActor(agent.id), account.id, { inboxId: otherInbox.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("shows contact, inbox, last message preview and unread count, and clears unread when read", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const contact = await f.createContact(db(), account.id, { name: "Carol Customer", email: "carol@customer.test" });
    const conv = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
    await f.createMessage(db(), conv, { content: "first question" });
    await f.createMessage(db(), conv, { content: "still waiting" });
    await f.createMessage(db(), conv, { messageType: "activity", content: "Alice resolved the conversation", senderType: null, senderId: null });

    const [row] = (await listConversations(db(), userActor(agent.id), account.id)).conversations;
    expect(row.contact).toMatchObject({ name: "Carol Customer", email: "carol@customer.test" });
    expect(row.inbox.name).toBe("Support");
    expect(row.lastMessage?.content).toBe("still waiting");
    expect(row.unreadCount).toBe(2);

    await markConversationRead(db(), userActor(agent.id), account.id, conv.displayId);
    const [after] = (await listConversations(db(), userActor(agent.id), account.id)).conversations;
    expect(after.unreadCount).toBe(0);
  });

  it("pages 25 at a time and refuses pages beyond the bound", async () => {
    const { account, admin, inbox } = await f.createWorkspace(db());
    for (let i = 0; i < 27; i++) await f.createConversation(db(), account.id, inbox.id, { lastActivityAt: minutesAgo(i) });
    const first = await listConversations(db(), userActor(admin.id), account.id, { page: 1 });
    const second = await listConversations(db(), userActor(admin.id), account.id, { page: 2 });
    expect(first.conversations).toHaveLength(25);
    expect(second.conversations).toHaveLength(2);
    expect(new Set([...first.conversations, ...second.conversations].map((c) => c.id)).size).toBe(27);
    expect(first.meta.allCount).toBe(27);
    await expect(listConversations(db(), userActor(admin.id), account.id, { page: 100_000 })).rejects.toMatchObject({ code: "invalid" });
  });

  it("does not show another account's conversations", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    await f.createConversation(db(), b.account.id, b.inbox.id);
    await expect(listConversations(db(), userActor(a.admin.id), b.account.id)).rejects.toMatchObject({ code: "not_found" });
    const own = await listConversations(db(), userActor(a.admin.id), a.account.id);
    expect(own.conversations).toHaveLength(0);
  });
});

describe("conversation actions", () => {
  it("creates a conversation with the next display id and a first message", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const contact = await f.createContact(db(), account.id);
    const first = await createConversation(db(), userActor(agent.id), account.id, {
      inboxId: inbox.id,
      contactId: contact.id,
      message: { content: "Hello from support" },
    });
    const second = await createConversation(db(), userActor(agent.id), account.id, { inboxId: inbox.id, contactId: contact.id });
    expect(second.displayId).toBe(first.displayId + 1);
    expect(first.lastMessage).toMatchObject({ content: "Hello from support", messageType: "outgoing" });
    expect(first.firstReplyCreatedAt).not.toBeNull();
    expect(second.contactInboxId).toBe(first.contactInboxId);
  });

  it("refuses to create a conversation in an inbox the agent is not a member of", async () => {
    const { account, agent } = await f.createWorkspace(db());
    const other = await f.createInbox(db(), account.id);
    const contact = await f.createContact(db(), account.id);
    await expect(
      createConversation(db(), userActor(agent.id), account.id, { inboxId: other.id, contactId: contact.id }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("resolves and reopens with activity lines naming who did it", async () => {
    const { account, admin, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const resolved = await toggleStatus(db(), userActor(admin.id), account.id, conv.displayId, { status: "resolved" });
    expect(resolved.status).toBe("resolved");
    const again = await toggleStatus(db(), userActor(admin.id), account.id, conv.displayId, { status: "resolved" });
    expect(again.status).toBe("resolved");
    const reopened = await toggleStatus(db(), userActor(admin.id), account.id, conv.displayId);
    expect(reopened.status).toBe("open");
    const until = new Date(Date.now() + 3600_000);
    const snoozed = await toggleStatus(db(), systemActor("test"), account.id, conv.displayId, { status: "snoozed", snoozedUntil: until });
    expect(snoozed.snoozedUntil?.getTime()).toBe(until.getTime());
    await expect(
      toggleStatus(db(), userActor(admin.id), account.id, conv.displayId, { status: "snoozed", snoozedUntil: new Date(Date.now() - 60_000) }),
    ).rejects.toMatchObject({ code: "invalid", message: "Snooze until must be in the future" });
    const { messages } = await listMessages(db(), userActor(admin.id), account.id, conv.displayId);
    expect(messages.map((m) => m.content)).toEqual([
      "Alice Admin resolved the conversation",
      "Alice Admin reopened the conversation",
      "Conversation was marked snoozed",
    ]);
    expect(messages.every((m) => m.messageType === "activity")).toBe(true);
  });

  it("assigns only to members of the conversation's inbox", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const outsider = await f.createAgent(db(), account.id, { name: "Olga Outsider" });
    const conv = await f.createConversation(db(), account.id, inbox.id);
    await expect(
      assignConversation(db(), userActor(admin.id), account.id, conv.displayId, { assigneeId: outsider.id }),
    ).rejects.toMatchObject({ code: "invalid" });
    const assigned = await assignConversation(db(), userActor(admin.id), account.id, conv.displayId, { assigneeId: agent.id });
    expect(assigned.assignee?.name).toBe("Bob Agent");
    const unassigned = await assignConversation(db(), userActor(agent.id), account.id, conv.displayId, { assigneeId: null });
    expect(unassigned.assignee).toBeNull();
    const { messages } = await listMessages(db(), userActor(admin.id), account.id, conv.displayId);
    expect(messages.map((m) => m.content)).toEqual([
      "Alice Admin assigned this conversation to Bob Agent",
      "Bob Agent unassigned this conversation",
    ]);
  });

  it("hides conversations of other inboxes from agents for every action", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const other = await f.createInbox(db(), account.id, { memberIds: [admin.id] });
    const conv = await f.createConversation(db(), account.id, other.id);
    const actor = userActor(agent.id);
    const attempts = [
      () => getConversation(db(), actor, account.id, conv.displayId),
      () => toggleStatus(db(), actor, account.id, conv.displayId, { status: "resolved" }),
      () => assignConversation(db(), actor, account.id, conv.displayId, { assigneeId: agent.id }),
      () => markConversationRead(db(), actor, account.id, conv.displayId),
      () => updatePriority(db(), actor, account.id, conv.displayId, { priority: "high" }),
      () => listMessages(db(), actor, account.id, conv.displayId),
      () => createMessage(db(), actor, account.id, conv.displayId, { content: "sneaky" }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    const seen = await getConversation(db(), userActor(admin.id), account.id, conv.displayId);
    expect(seen.status).toBe("open");
    expect(seen.lastMessage).toBeNull();
  });

  it("sets priority", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const updated = await updatePriority(db(), userActor(agent.id), account.id, conv.displayId, { priority: "urgent" });
    expect(updated.priority).toBe("urgent");
  });
});

describe("messages", () => {
  it("an incoming message reopens a resolved conversation; an agent reply records the first reply", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id, { status: "resolved", lastActivityAt: minutesAgo(60) });
    const incoming = await createMessage(db(), userActor(agent.id), account.id, conv.displayId, { content: "Me again", messageType: "incoming" });
    expect(incoming.sender).toMatchObject({ type: "contact", id: conv.contactId });
    let summary = await getConversation(db(), userActor(agent.id), account.id, conv.displayId);
    expect(summary.status).toBe("open");
    expect(summary.lastActivityAt.getTime()).toBe(incoming.createdAt.getTime());
    expect(summary.firstReplyCreatedAt).toBeNull();

    const note = await createMessage(db(), userActor(agent.id), account.id, conv.displayId, { content: "internal", private: true });
    expect(note.private).toBe(true);
    summary = await getConversation(db(), userActor(agent.id), account.id, conv.displayId);
    expect(summary.firstReplyCreatedAt).toBeNull();

    const reply = await createMessage(db(), userActor(agent.id), account.id, conv.displayId, { content: "Happy to help" });
    expect(reply).toMatchObject({ messageType: "outgoing", status: "sent", sender: { type: "user", name: "Bob Agent" } });
    summary = await getConversation(db(), userActor(agent.id), account.id, conv.displayId);
    expect(summary.firstReplyCreatedAt?.getTime()).toBe(reply.createdAt.getTime());

    const { messages } = await listMessages(db(), userActor(agent.id), account.id, conv.displayId);
    expect(messages.map((m) => [m.messageType, m.content])).toEqual([
      ["incoming", "Me again"],
      ["activity", "Conversation was reopened"],
      ["outgoing", "internal"],
      ["outgoing", "Happy to help"],
      // The reply assigned the unassigned conversation to its author (issue 10 item 7).
      ["activity", "Bob Agent self-assigned this conversation"],
    ]);
  });

  it("rejects blank content and incoming private notes", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    await expect(createMessage(db(), userActor(agent.id), account.id, conv.displayId, { content: "   " })).rejects.toMatchObject({ code: "invalid" });
    await expect(
      createMessage(db(), userActor(agent.id), account.id, conv.displayId, { content: "x", messageType: "incoming", private: true }),
    ).rejects.toMatchObject({ code: "invalid" });
  });

  it("pages the thread backwards with before", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push((await f.createMessage(db(), conv, { content: `m${i}` })).id);
    const latest = await listMessages(db(), userActor(agent.id), account.id, conv.displayId);
    expect(latest.messages.map((m) => m.content)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 5}`));
    const earlier = await listMessages(db(), userActor(agent.id), account.id, conv.displayId, { before: latest.messages[0].id });
    expect(earlier.messages.map((m) => m.content)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
  });
});
