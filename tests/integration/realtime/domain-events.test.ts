import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inTransaction } from "@/db/transaction";
import { userActor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { createConversation } from "@/lib/conversations/create-conversation";
import { markConversationRead } from "@/lib/conversations/mark-read";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { setEnvVar } from "@/lib/env";
import { createMessage } from "@/lib/messages/create-message";
import { inboxChannel } from "@/lib/realtime/channels";
import { publishEvents, realtimeEvent } from "@/lib/realtime/publish";
import { isNewer, type ConversationPayload, type ConversationReadPayload, type MessagePayload } from "@/lib/realtime/payloads";
import * as factories from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, settle, useRealtimeServer, type ReceivedEvent, type TestClient } from "../../support/realtime";

/**
 * Domain functions publish live refresh events after their commit: an admin's pusher-js client
 * (real WebSocket, real `pusher` library on the server side) sees what the list and the thread need.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();

let w: Awaited<ReturnType<typeof factories.createWorkspace>>;
let watcher: TestClient;
let channel: string;

beforeAll(async () => {
  w = await factories.createWorkspace(db());
  channel = inboxChannel(w.account.id, w.inbox.id);
  watcher = await connectAs(realtime().port, db, w.admin.id);
  await watcher.subscribe(channel);
});
afterAll(() => watcher.disconnect());

const agent = () => userActor(w.agent.id);
const named = (name: string) => (e: ReceivedEvent) => e.name === name;
const newConversation = () => factories.createConversation(db(), w.account.id, w.inbox.id);
/** Events received from now on. */
function mark() {
  const from = watcher.received.length;
  return () => watcher.received.slice(from);
}

describe("events after commit", () => {
  it("a status change publishes conversation.status_changed with the list row and its version", async () => {
    const conversation = await newConversation();
    const since = mark();
    const summary = await toggleStatus(db(), agent(), w.account.id, conversation.displayId, { status: "resolved" });
    const event = await watcher.waitFor((e) => named("conversation.status_changed")(e) && since().includes(e));
    const data = event.data as ConversationPayload & { previousStatus: string };
    expect(event.channel).toBe(channel);
    expect(data.previousStatus).toBe("open");
    expect(data.version).toBe(summary.updatedAt.getTime());
    expect(data.conversation).toMatchObject({
      displayId: conversation.displayId,
      status: "resolved",
      inboxId: w.inbox.id,
      contact: { id: conversation.contactId },
      updatedAt: summary.updatedAt.toISOString(),
    });
  });

  it("nothing is published while the outer transaction is open, and nothing at all when it rolls back", async () => {
    const conversation = await newConversation();
    const since = mark();
    await expect(
      inTransaction(db(), async (tx) => {
        await toggleStatus(tx, agent(), w.account.id, conversation.displayId, { status: "pending" });
        await assignConversation(tx, agent(), w.account.id, conversation.displayId, { assigneeId: w.agent.id });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await settle();
    expect(since()).toEqual([]);

    await inTransaction(db(), async (tx) => {
      await toggleStatus(tx, agent(), w.account.id, conversation.displayId, { status: "pending" });
      await settle();
      expect(since()).toEqual([]);
    });
    const event = await watcher.waitFor((e) => named("conversation.status_changed")(e) && since().includes(e));
    expect((event.data as ConversationPayload).conversation.status).toBe("pending");
  });

  it("assignment publishes assignee.changed with the new assignee and the previous one", async () => {
    const conversation = await newConversation();
    const since = mark();
    await assignConversation(db(), agent(), w.account.id, conversation.displayId, { assigneeId: w.agent.id });
    const event = await watcher.waitFor((e) => named("assignee.changed")(e) && since().includes(e));
    const data = event.data as ConversationPayload & { previousAssigneeId: number | null };
    expect(data.previousAssigneeId).toBeNull();
    expect(data.conversation.assignee).toMatchObject({ id: w.agent.id, name: w.agent.name });
  });

  it("reading publishes conversation.read, versioned by the read time", async () => {
    const conversation = await newConversation();
    const since = mark();
    const { agentLastSeenAt } = await markConversationRead(db(), agent(), w.account.id, conversation.displayId);
    const event = await watcher.waitFor((e) => named("conversation.read")(e) && since().includes(e));
    expect(event.data).toEqual({
      accountId: w.account.id,
      conversationId: conversation.id,
      conversationDisplayId: conversation.displayId,
      inboxId: w.inbox.id,
      agentLastSeenAt: agentLastSeenAt.toISOString(),
      userId: w.agent.id,
      version: agentLastSeenAt.getTime(),
    } satisfies ConversationReadPayload);
  });

  it("a message publishes message.created and the conversation's new row; a reply to a resolved one reopens it", async () => {
    const conversation = await factories.createConversation(db(), w.account.id, w.inbox.id, { status: "resolved" });
    const since = mark();
    const message = await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.displayId, {
      content: "Your parcel left the warehouse",
      messageType: "incoming",
    });
    const created = await watcher.waitFor((e) => named("message.created")(e) && since().includes(e));
    const data = created.data as MessagePayload;
    expect(data.conversationDisplayId).toBe(conversation.displayId);
    expect(data.version).toBe(message.updatedAt.getTime());
    expect(data.message).toMatchObject({ id: message.id, content: "Your parcel left the warehouse", messageType: "incoming", private: false });
    expect(data.message.sender).toMatchObject({ type: "contact", id: conversation.contactId });
    const row = await watcher.waitFor((e) => named("conversation.status_changed")(e) && since().includes(e));
    expect((row.data as ConversationPayload).conversation).toMatchObject({
      status: "open",
      unreadCount: 1,
      lastMessage: { id: message.id },
    });
    expect(since().map((e) => e.name)).toEqual(["message.created", "conversation.status_changed"]);
  });

  it("a new conversation is announced before its first message", async () => {
    const contact = await factories.createContact(db(), w.account.id);
    const since = mark();
    const summary = await createConversation(db(), userActor(w.agent.id), w.account.id, {
      inboxId: w.inbox.id,
      contactId: contact.id,
      message: { content: "Hello from us", messageType: "outgoing" },
    });
    await watcher.waitFor((e) => named("conversation.updated")(e) && since().includes(e));
    expect(since().map((e) => e.name)).toEqual(["conversation.created", "message.created", "conversation.updated"]);
    expect((since()[0].data as ConversationPayload).conversation).toMatchObject({ displayId: summary.displayId, contact: { id: contact.id } });
  });
});

describe("payloads", () => {
  it("versions only grow, so a client that applies the newest ignores a late older event", async () => {
    const conversation = await newConversation();
    const since = mark();
    for (const status of ["pending", "open", "resolved"] as const) {
      await toggleStatus(db(), agent(), w.account.id, conversation.displayId, { status });
    }
    await watcher.waitFor((e) => named("conversation.status_changed")(e) && since().includes(e) && (e.data as ConversationPayload).conversation.status === "resolved");
    const versions = since().map((e) => (e.data as ConversationPayload).version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    // Delivered in reverse, the client keeps the last state.
    let shown: { version?: number; status?: string } = {};
    for (const e of [...since()].reverse()) {
      const data = e.data as ConversationPayload;
      if (isNewer(data.version, shown.version)) shown = { version: data.version, status: data.conversation.status };
    }
    expect(shown.status).toBe("resolved");
  });

  it("a message too big for Pusher goes out without its content, marked partial, for the client to fetch", async () => {
    const conversation = await newConversation();
    const since = mark();
    const long = "A long email line. ".repeat(2_000);
    await createMessage(db(), agent(), w.account.id, conversation.displayId, { content: long, messageType: "incoming" });
    const event = await watcher.waitFor((e) => named("message.created")(e) && since().includes(e));
    const data = event.data as MessagePayload;
    expect(data.partial).toBe(true);
    expect(data.message.content).toBeNull();
    const row = await watcher.waitFor((e) => named("conversation.updated")(e) && since().includes(e));
    // The list row keeps a preview of the last message.
    expect((row.data as ConversationPayload).conversation.lastMessage?.content).toBe(long.slice(0, 300));
  });
});

describe("when publishing fails", () => {
  it("the failure is logged, never thrown, and the change still succeeds", async () => {
    const conversation = await newConversation();
    setEnvVar("PUSHER_PORT", "1"); // nothing listens there
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const event = realtimeEvent("conversation.read", [channel], {} as ConversationReadPayload);
      await expect(publishEvents([event])).resolves.toBeUndefined();
      const summary = await toggleStatus(db(), agent(), w.account.id, conversation.displayId, { status: "resolved" });
      expect(summary.status).toBe("resolved");
      expect(logged.mock.calls.map((c) => String(c[0])).filter((line) => line.includes("could not publish realtime events"))).toHaveLength(2);
    } finally {
      logged.mockRestore();
      setEnvVar("PUSHER_PORT", String(realtime().port));
    }
  });
});
