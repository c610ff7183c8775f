import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createConversation } from "@/lib/conversations/create-conversation";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { inboxChannel } from "@/lib/realtime/channels";
import type { ConversationPayload, MessagePayload } from "@/lib/realtime/payloads";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";
import { connectAs, settle, useRealtimeServer, type TestClient } from "../../support/realtime";
import { useWireRecording } from "../../support/wire-recording";

/**
 * What a new conversation costs the live path after its commit: conversation.created and the
 * first message's message.created (and its row event) carry the same row, read once.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const record = useWireRecording();
const clients: TestClient[] = [];

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "realtime-live-cost-test-key"));
afterAll(() => clients.forEach((c) => c.disconnect()));

/** The conversation row's read (db/queries/conversation-summaries.ts), by its unmistakable select list. */
const summaryReads = (statements: RecordedStatement[]) => statements.filter((s) => /select c\.id, c\.account_id, c\.display_id, c\.uuid/.test(s.text));

async function watchInbox(accountId: number, inboxId: number, userId: number) {
  const watcher = await connectAs(realtime().port, db, userId);
  clients.push(watcher);
  await watcher.subscribe(inboxChannel(accountId, inboxId));
  return watcher;
}

describe("the live path of a new conversation", () => {
  it("reads a relayed mail's new conversation row once for all its events, and every event still goes out in order", async () => {
    const account = await f.createAccount(db());
    const member = await f.createAgent(db(), account.id);
    const { inbox } = await createEmailInboxRow(db(), account.id);
    await f.addInboxMember(db(), account.id, inbox.id, member.id);
    const watcher = await watchInbox(account.id, inbox.id, member.id);

    const raw = rawMail({ from: "Ines <ines@example.org>", subject: "Lost parcel", messageId: "cost-1@example.org", body: "Where is it?" });
    let displayId = 0;
    const statements = await record(async () => {
      const result = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw });
      expect(result.status).toBe("imported");
      displayId = result.conversationDisplayId ?? 0;
    });
    expect(summaryReads(statements)).toHaveLength(1);

    await watcher.waitFor((e) => e.name === "conversation.updated");
    await settle();
    const names = watcher.received.map((e) => e.name);
    expect(names).toEqual(["conversation.created", "message.created", "conversation.updated"]);
    const rows = watcher.received.filter((e) => e.name !== "message.created").map((e) => (e.data as ConversationPayload).conversation);
    for (const row of rows) expect(row).toMatchObject({ displayId, unreadCount: 1, contact: { email: "ines@example.org" }, lastMessage: { content: "Where is it?" } });
    expect((watcher.received[1].data as MessagePayload).message).toMatchObject({ content: "Where is it?", messageType: "incoming" });
  });

  it("reads a conversation opened with a first message (API) once after the commit", async () => {
    const w = await f.createWorkspace(db());
    const contact = await f.createContact(db(), w.account.id);
    const watcher = await watchInbox(w.account.id, w.inbox.id, w.agent.id);

    const statements = await record(() =>
      createConversation(db(), userActor(w.admin.id), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "Hello there" } }),
    );
    // The domain function returns the summary it reads itself; the live path adds one read, not two.
    expect(summaryReads(statements)).toHaveLength(2);

    await watcher.waitFor((e) => e.name === "conversation.updated");
    await settle();
    expect(watcher.received.map((e) => e.name)).toEqual(["conversation.created", "message.created", "conversation.updated"]);
    expect((watcher.received[0].data as ConversationPayload).conversation).toMatchObject({ lastMessage: { content: "Hello there" } });
  });
});
