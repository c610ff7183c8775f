import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { createMessage } from "@/lib/messages/create-message";
import { setEnvVar } from "@/lib/env";
import { inboxChannel } from "@/lib/realtime/channels";
import type { ConversationPayload, MessagePayload } from "@/lib/realtime/payloads";
import { createAccount, createAgent, addInboxMember } from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";
import { connectAs, settle, useRealtimeServer, type TestClient } from "../../support/realtime";

/** Mail that arrives reaches the inbox's members live, through createMessage's events. */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "realtime-email-test-key"));
afterAll(() => clients.forEach((c) => c.disconnect()));

describe("an incoming email", () => {
  it("is published to the inbox's members as message.created with its conversation row, and to no one else", async () => {
    const account = await createAccount(db());
    const member = await createAgent(db(), account.id);
    const outsider = await createAgent(db(), account.id);
    const { inbox } = await createEmailInboxRow(db(), account.id);
    await addInboxMember(db(), account.id, inbox.id, member.id);
    const watcher = await connectAs(realtime().port, db, member.id);
    const other = await connectAs(realtime().port, db, outsider.id);
    clients.push(watcher, other);
    await watcher.subscribe(inboxChannel(account.id, inbox.id));
    await expect(other.subscribe(inboxChannel(account.id, inbox.id))).rejects.toThrow(/refused/);

    const raw = rawMail({ from: "Carla <carla@example.org>", subject: "Broken zipper", messageId: "rt-1@example.org", body: "My zipper broke." });
    const result = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw });
    expect(result.status).toBe("imported");

    const opened = await watcher.waitFor((e) => e.name === "conversation.created");
    expect((opened.data as ConversationPayload).conversation).toMatchObject({ displayId: result.conversationDisplayId });
    const created = await watcher.waitFor((e) => e.name === "message.created");
    const data = created.data as MessagePayload;
    expect(data.conversationDisplayId).toBe(result.conversationDisplayId);
    expect(data.message).toMatchObject({ messageType: "incoming", content: "My zipper broke.", contentType: "incoming_email" });
    const row = await watcher.waitFor((e) => e.name.startsWith("conversation."));
    expect((row.data as ConversationPayload).conversation).toMatchObject({
      displayId: result.conversationDisplayId,
      contact: { email: "carla@example.org" },
      unreadCount: 1,
    });
    await settle();
    expect(other.received).toEqual([]);
  });

  it("shows the reply's delivery answer live: sending, then sent (message.updated)", async () => {
    const account = await createAccount(db());
    const member = await createAgent(db(), account.id);
    const { inbox } = await createEmailInboxRow(db(), account.id);
    await addInboxMember(db(), account.id, inbox.id, member.id);
    const watcher = await connectAs(realtime().port, db, member.id);
    clients.push(watcher);
    await watcher.subscribe(inboxChannel(account.id, inbox.id));

    const raw = rawMail({ from: "Dan <dan@example.org>", subject: "Refund", messageId: "rt-2@example.org", body: "Where is my refund?" });
    const imported = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw });
    const displayId = imported.conversationDisplayId ?? 0;
    // No SMTP on this inbox: the reply goes to the local outbox, which is a real delivery answer.
    const reply = await createMessage(db(), userActor(member.id), account.id, displayId, { content: "On its way." });
    const queued = await watcher.waitFor((e) => e.name === "message.created" && (e.data as MessagePayload).message.id === reply.id);
    expect((queued.data as MessagePayload).message.status).toBe("sending");

    await expect(sendEmailDelivery(db(), reply.id)).resolves.toMatchObject({ status: "sent" });
    const updated = await watcher.waitFor((e) => e.name === "message.updated" && (e.data as MessagePayload).message.id === reply.id);
    expect((updated.data as MessagePayload).message.status).toBe("sent");
  });
});
