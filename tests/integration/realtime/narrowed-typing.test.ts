import { afterAll, describe, expect, it } from "vitest";
import { runActionAs } from "@/app/_server/action";
import { relayTypingAction } from "@/app/_server/actions/typing";
import { userActor } from "@/lib/auth/actor";
import { updateAgent } from "@/lib/accounts/agents";
import { setInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { relayTyping } from "@/lib/conversations/toggle-typing";
import { deleteInbox } from "@/lib/inboxes/delete-inbox";
import { publishPollResult } from "@/lib/inboxes/poll-result";
import { inboxChannel, memberChannel } from "@/lib/realtime/channels";
import { emitContactTyping } from "@/lib/realtime/contact-events";
import { createCustomRole } from "@/lib/roles/custom-roles";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, settle, useRealtimeServer, type ReceivedEvent, type TestClient } from "../../support/realtime";

/**
 * Members whose custom role narrows what they see listen on their member channel only: typing
 * (the agents' client events go to the inbox channel) and the inbox-level events reach them there,
 * relayed by the server, for the conversations and inboxes that are theirs only.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

async function watch(userId: number, channel: string) {
  const client = await connectAs(realtime().port, db, userId);
  clients.push(client);
  await client.subscribe(channel);
  return client;
}

async function world() {
  const w = await f.createWorkspace(db());
  const role = await createCustomRole(db(), userActor(w.admin.id), w.account.id, { name: "Own only", permissions: ["conversation_participating_manage"] });
  const rita = await f.createAgent(db(), w.account.id, { name: "Rita Role" });
  await f.addInboxMember(db(), w.account.id, w.inbox.id, rita.id);
  await updateAgent(db(), userActor(w.admin.id), w.account.id, rita.id, { customRoleId: role.id });
  // Nora's role narrows too, in another inbox only.
  const other = await f.createInbox(db(), w.account.id, { name: "Other" });
  const nora = await f.createAgent(db(), w.account.id, { name: "Nora Role" });
  await f.addInboxMember(db(), w.account.id, other.id, nora.id);
  await updateAgent(db(), userActor(w.admin.id), w.account.id, nora.id, { customRoleId: role.id });
  const mine = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: rita.id });
  const theirs = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
  return {
    ...w,
    rita,
    nora,
    mine,
    theirs,
    ritaClient: await watch(rita.id, memberChannel(w.account.id, rita.id)),
    noraClient: await watch(nora.id, memberChannel(w.account.id, nora.id)),
    inboxClient: await watch(w.admin.id, inboxChannel(w.account.id, w.inbox.id)),
  };
}

const named = (client: TestClient, prefix: string) => client.received.filter((e: ReceivedEvent) => e.name.startsWith(prefix));

describe("typing for narrowed members", () => {
  it("relays a teammate's typing to the member who may see the conversation, and nothing about another", async () => {
    const w = await world();
    await relayTyping(db(), userActor(w.agent.id), w.account.id, w.theirs.displayId, { typingStatus: "on" });
    const result = await runActionAs(relayTypingAction, { actor: userActor(w.agent.id), userId: w.agent.id }, { accountId: w.account.id, displayId: w.mine.displayId, typing: true, isPrivate: false });
    expect(result.ok).toBe(true);
    const on = await w.ritaClient.waitFor((e) => e.name === "conversation.typing_on");
    expect(on).toEqual({
      channel: memberChannel(w.account.id, w.rita.id),
      name: "conversation.typing_on",
      data: { accountId: w.account.id, conversationDisplayId: w.mine.displayId, userId: w.agent.id, private: false },
    });
    await relayTyping(db(), userActor(w.agent.id), w.account.id, w.mine.displayId, { typingStatus: "off" });
    await w.ritaClient.waitFor((e) => e.name === "conversation.typing_off");
    await settle();

    expect(named(w.ritaClient, "conversation.typing").map((e) => (e.data as { conversationDisplayId: number }).conversationDisplayId)).toEqual([w.mine.displayId, w.mine.displayId]);
    // The inbox's other agents heard the teammate's own client event: no second copy from the server.
    expect(named(w.inboxClient, "conversation.typing")).toEqual([]);
    expect(w.noraClient.received).toEqual([]);
  });

  it("relays the member's own typing to the inbox channel, only in a conversation they may see", async () => {
    const w = await world();
    await relayTyping(db(), userActor(w.rita.id), w.account.id, w.mine.displayId, { typingStatus: "on", isPrivate: true });
    const on = await w.inboxClient.waitFor((e) => e.name === "conversation.typing_on");
    expect(on.data).toEqual({ accountId: w.account.id, conversationDisplayId: w.mine.displayId, userId: w.rita.id, private: true });
    await expect(relayTyping(db(), userActor(w.rita.id), w.account.id, w.theirs.displayId, { typingStatus: "on" })).rejects.toMatchObject({ code: "not_found" });
    await settle();
    expect(named(w.inboxClient, "conversation.typing")).toHaveLength(1);
    // Never echoed to the typer.
    expect(w.ritaClient.received).toEqual([]);
  });

  it("tells the member that the contact is typing in their conversation, not in a teammate's", async () => {
    const w = await world();
    await emitContactTyping({ ...w.theirs, contactId: w.theirs.contactId }, "on");
    await emitContactTyping({ ...w.mine, contactId: w.mine.contactId }, "on");
    const typing = await w.ritaClient.waitFor((e) => e.name === "conversation.contact_typing");
    expect(typing.data).toEqual({ accountId: w.account.id, conversationDisplayId: w.mine.displayId, contactId: w.mine.contactId, typing: true });
    await w.inboxClient.waitFor((e) => e.name === "conversation.contact_typing" && (e.data as { conversationDisplayId: number }).conversationDisplayId === w.mine.displayId);
    await settle();
    expect(w.ritaClient.received).toHaveLength(1);
    expect(named(w.inboxClient, "conversation.contact_typing")).toHaveLength(2);
  });
});

describe("inbox-level events for narrowed members", () => {
  it("the inbox's bot changed, a poll's result and its deletion reach its narrowed members, not another inbox's", async () => {
    const w = await world();
    await setInboxAgentBot(db(), userActor(w.admin.id), w.account.id, w.inbox.id, null);
    await w.ritaClient.waitFor((e) => e.name === "inbox.agent_bot_changed");
    const poll = { ok: true, fetched: 1, imported: 1, duplicates: 0, quarantined: 0, ignored: 0, more: false, resynced: false };
    await publishPollResult({ accountId: w.account.id, inboxId: w.inbox.id }, "req-1", poll);
    const polled = await w.ritaClient.waitFor((e) => e.name === "inbox.polled");
    expect(polled.data).toMatchObject({ inboxId: w.inbox.id, requestId: "req-1", ok: true, imported: 1 });
    await deleteInbox(db(), userActor(w.admin.id), w.account.id, w.inbox.id);
    const deleted = await w.ritaClient.waitFor((e) => e.name === "inbox.deleted");
    expect(deleted).toMatchObject({ channel: memberChannel(w.account.id, w.rita.id), data: { accountId: w.account.id, inboxId: w.inbox.id } });
    await w.inboxClient.waitFor((e) => e.name === "inbox.deleted");
    await settle();
    expect(w.noraClient.received).toEqual([]);
  });
});
