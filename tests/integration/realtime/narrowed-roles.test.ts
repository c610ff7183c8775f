import { afterAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { updateAgent } from "@/lib/accounts/agents";
import type { Permission } from "@/lib/accounts/permissions";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { createConversation } from "@/lib/conversations/create-conversation";
import { addFollowers, changeParticipants } from "@/lib/conversations/participants";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { removeInboxMembers } from "@/lib/inboxes/members";
import { createMessage } from "@/lib/messages/create-message";
import { authorizeChannel } from "@/lib/realtime/authorize-channel";
import { inboxChannel, memberChannel } from "@/lib/realtime/channels";
import type { ConversationHiddenPayload, ConversationPayload, MessagePayload } from "@/lib/realtime/payloads";
import { createCustomRole } from "@/lib/roles/custom-roles";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, settle, useRealtimeServer, type ReceivedEvent, type TestClient } from "../../support/realtime";

/**
 * Live updates for a member whose custom role narrows which conversations of their inboxes they
 * see (unassigned + own, participating): refused the inbox's channel, they get on their own
 * member channel exactly the events of the conversations they may see after each change, and a
 * `conversation.hidden` (ids only) for one they just lost sight of.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

async function world(permissions: Permission[]) {
  const w = await f.createWorkspace(db());
  const role = await createCustomRole(db(), userActor(w.admin.id), w.account.id, { name: `Role ${permissions.join("+")}`, permissions });
  const member = await f.createAgent(db(), w.account.id, { name: "Rita Role" });
  await f.addInboxMember(db(), w.account.id, w.inbox.id, member.id);
  await updateAgent(db(), userActor(w.admin.id), w.account.id, member.id, { customRoleId: role.id });
  const client = await connectAs(realtime().port, db, member.id);
  clients.push(client);
  await client.subscribe(memberChannel(w.account.id, member.id));
  return { ...w, member, client };
}

const conversationIdOf = (e: ReceivedEvent): number | undefined => {
  const d = e.data as Partial<ConversationPayload & MessagePayload & ConversationHiddenPayload> & { conversationId?: number };
  return d.conversation?.id ?? d.message?.conversationId ?? d.conversationId;
};
const about = (client: TestClient, conversationId: number) => client.received.filter((e) => conversationIdOf(e) === conversationId);
const ask = (text: string) => ({ content: text, messageType: "incoming" as const });

describe("live updates for a narrowed custom role", () => {
  it("sends the events of the member's own conversations to their member channel, never those of a teammate's", async () => {
    const w = await world(["conversation_participating_manage"]);
    const mine = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.member.id });
    const theirs = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });

    await createMessage(db(), userActor(w.agent.id), w.account.id, theirs.displayId, { content: "secret for Bob's customer" });
    await toggleStatus(db(), userActor(w.agent.id), w.account.id, theirs.displayId, { status: "pending" });
    await createMessage(db(), userActor(w.agent.id), w.account.id, mine.displayId, { content: "for Rita's customer" });
    await w.client.waitFor((e) => e.name === "conversation.updated" && conversationIdOf(e) === mine.id);
    await settle();

    expect(about(w.client, theirs.id)).toEqual([]);
    expect(about(w.client, mine.id).map((e) => e.name)).toEqual(["message.created", "conversation.updated"]);
    expect(w.client.received.every((e) => e.channel === memberChannel(w.account.id, w.member.id))).toBe(true);
    expect(JSON.stringify(w.client.received)).not.toContain("secret for Bob");
  });

  it("gains a conversation live when it is assigned to them, and one they follow", async () => {
    const w = await world(["conversation_participating_manage"]);
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    await assignConversation(db(), userActor(w.admin.id), w.account.id, c.displayId, { assigneeId: w.member.id });
    const event = await w.client.waitFor((e) => e.name === "assignee.changed" && conversationIdOf(e) === c.id);
    expect((event.data as ConversationPayload).conversation).toMatchObject({ displayId: c.displayId, assignee: { id: w.member.id } });

    const followed = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    await addFollowers(db(), w.account.id, followed.id, [w.member.id]);
    await toggleStatus(db(), userActor(w.agent.id), w.account.id, followed.displayId, { status: "resolved" });
    await w.client.waitFor((e) => e.name === "conversation.status_changed" && conversationIdOf(e) === followed.id);
  });

  it("loses a conversation live when it is reassigned: ids only, and nothing more about it afterwards", async () => {
    const w = await world(["conversation_participating_manage"]);
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.member.id });
    const summary = await assignConversation(db(), userActor(w.admin.id), w.account.id, c.displayId, { assigneeId: w.agent.id });
    const hidden = await w.client.waitFor((e) => e.name === "conversation.hidden" && conversationIdOf(e) === c.id);
    expect(hidden.data).toEqual({
      accountId: w.account.id,
      conversation: { id: c.id, displayId: c.displayId, inboxId: w.inbox.id },
      version: summary.updatedAt.getTime(),
    });

    await createMessage(db(), userActor(w.agent.id), w.account.id, c.displayId, { content: "after Rita lost it" });
    await settle();
    expect(about(w.client, c.id).map((e) => e.name)).toEqual(["conversation.hidden"]);
  });

  it("gains a conversation live when made a participant, and loses it when no longer one", async () => {
    const w = await world(["conversation_participating_manage"]);
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    await changeParticipants(db(), userActor(w.admin.id), w.account.id, c.displayId, "add", { userIds: [w.member.id] });
    const gained = await w.client.waitFor((e) => e.name === "conversation.updated" && conversationIdOf(e) === c.id);
    expect((gained.data as ConversationPayload).conversation).toMatchObject({ displayId: c.displayId });

    await changeParticipants(db(), userActor(w.admin.id), w.account.id, c.displayId, "replace", { userIds: [w.agent.id] });
    await w.client.waitFor((e) => e.name === "conversation.hidden" && conversationIdOf(e) === c.id);
    // Following a conversation one sees anyway (their own) hides nothing when it stops.
    const mine = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.member.id });
    await changeParticipants(db(), userActor(w.admin.id), w.account.id, mine.displayId, "add", { userIds: [w.member.id] });
    await changeParticipants(db(), userActor(w.admin.id), w.account.id, mine.displayId, "remove", { userIds: [w.member.id] });
    await settle();
    expect(about(w.client, mine.id).map((e) => e.name)).toEqual(["conversation.updated"]);
  });

  it("unassigned + own: sees new unassigned conversations arrive, and loses one assigned to a teammate", async () => {
    const w = await world(["conversation_unassigned_manage"]);
    const contact = await f.createContact(db(), w.account.id);
    const created = await createConversation(db(), userActor(w.admin.id), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: ask("Hello") });
    await w.client.waitFor((e) => e.name === "conversation.created" && conversationIdOf(e) === created.id);
    await w.client.waitFor((e) => e.name === "message.created" && conversationIdOf(e) === created.id);

    await assignConversation(db(), userActor(w.admin.id), w.account.id, created.displayId, { assigneeId: w.agent.id });
    await w.client.waitFor((e) => e.name === "conversation.hidden" && conversationIdOf(e) === created.id);
    await assignConversation(db(), userActor(w.admin.id), w.account.id, created.displayId, { assigneeId: null });
    const back = await w.client.waitFor((e) => e.name === "assignee.changed" && conversationIdOf(e) === created.id);
    expect((back.data as ConversationPayload).conversation.assignee).toBeNull();
  });

  it("gets nothing more of an inbox once removed from it, even for a conversation assigned to them", async () => {
    const w = await world(["conversation_participating_manage"]);
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.member.id });
    await removeInboxMembers(db(), userActor(w.admin.id), w.account.id, w.inbox.id, { userIds: [w.member.id] });
    // The removal closed the connection: subscribe again as LiveRefresh would.
    const client = await connectAs(realtime().port, db, w.member.id);
    clients.push(client);
    await client.subscribe(memberChannel(w.account.id, w.member.id));
    await createMessage(db(), userActor(w.agent.id), w.account.id, c.displayId, { content: "not for Rita any more" });
    await settle();
    expect(about(client, c.id)).toEqual([]);
  });

  it("leaves the inbox channel to plain agents: they get no member-channel copies", async () => {
    const w = await world(["conversation_participating_manage"]);
    const agentClient = await connectAs(realtime().port, db, w.agent.id);
    clients.push(agentClient);
    await agentClient.subscribe(memberChannel(w.account.id, w.agent.id));
    await agentClient.subscribe(inboxChannel(w.account.id, w.inbox.id));
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    await createMessage(db(), userActor(w.agent.id), w.account.id, c.displayId, { content: "hello" });
    await agentClient.waitFor((e) => e.name === "conversation.updated" && conversationIdOf(e) === c.id);
    await settle();
    expect(agentClient.received.filter((e) => e.channel !== inboxChannel(w.account.id, w.inbox.id))).toEqual([]);
  });
});

describe("the member channel's authorization", () => {
  it("is the member's own, in an account they belong to", async () => {
    const w = await f.createWorkspace(db());
    const other = await f.createWorkspace(db());
    await expect(authorizeChannel(db(), userActor(w.agent.id), memberChannel(w.account.id, w.agent.id))).resolves.toBeUndefined();
    await expect(authorizeChannel(db(), userActor(w.agent.id), memberChannel(w.account.id, w.admin.id))).rejects.toMatchObject({ code: "forbidden" });
    await expect(authorizeChannel(db(), userActor(w.admin.id), memberChannel(w.account.id, w.agent.id))).rejects.toMatchObject({ code: "forbidden" });
    await expect(authorizeChannel(db(), userActor(w.agent.id), memberChannel(other.account.id, w.agent.id))).rejects.toMatchObject({ code: "forbidden" });
  });
});
