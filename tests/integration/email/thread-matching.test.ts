import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, messages } from "@/db/schema";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { ourMessageId } from "@/lib/email/ids";
import { subjectTag } from "@/lib/email/thread/match-conversation";
import { setEnvVar } from "@/lib/env";
import { createAccount, createMessage } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";

const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "thread-test-key");
  setEnvVar("INBOUND_EMAIL_DOMAIN", "in.postdesk.test");
});
afterAll(() => setEnvVar("INBOUND_EMAIL_DOMAIN", ""));

/** An inbox with one conversation opened by customer@example.org's first mail. */
async function setup() {
  const account = await createAccount(db());
  const { inbox, channel } = await createEmailInboxRow(db(), account.id);
  const ingest = (raw: Buffer, inboxId = inbox.id) => ingestRawEmail(db(), { accountId: account.id, inboxId, source: "imap", raw });
  const first = await ingest(rawMail({ from: "Customer <customer@example.org>", to: channel.email, messageId: "start@example.org", subject: "Order 1234" }));
  const [conversation] = await db()
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, account.id), eq(conversations.displayId, first.conversationDisplayId ?? 0)));
  return { account, inbox, channel, ingest, conversation };
}

describe("threading inbound mail", () => {
  it("threads a reply to our own Message-ID (outgoing mail we sent)", async () => {
    const { account, ingest, conversation } = await setup();
    const ours = ourMessageId(conversation.uuid, 991);
    await createMessage(db(), conversation, { messageType: "outgoing", content: "We are on it", sourceId: ours, accountId: account.id });
    const reply = await ingest(rawMail({ messageId: "r-ours@example.org", inReplyTo: `<${ours}>`, subject: "Re: something else" }));
    expect(reply.conversationDisplayId).toBe(conversation.displayId);
  });

  it("threads by our Message-ID form even when the message itself is not stored (e.g. only in References)", async () => {
    const { ingest, conversation } = await setup();
    const ours = ourMessageId(conversation.uuid, 123456);
    const reply = await ingest(rawMail({ messageId: "r-ref-ours@example.org", references: `<unknown@x.org> <${ours}>`, subject: "no tag" }));
    expect(reply.conversationDisplayId).toBe(conversation.displayId);
  });

  it("threads mail sent to the conversation's reply+ address", async () => {
    const { ingest, conversation } = await setup();
    const reply = await ingest(rawMail({ messageId: "r-token@example.org", to: `reply+${conversation.uuid}@in.postdesk.test`, subject: "Different subject" }));
    expect(reply.conversationDisplayId).toBe(conversation.displayId);
  });

  it("threads by In-Reply-To against a stored incoming Message-ID", async () => {
    const { ingest, conversation } = await setup();
    const reply = await ingest(rawMail({ messageId: "r-irt@example.org", inReplyTo: "<start@example.org>", subject: "Another subject" }));
    expect(reply.conversationDisplayId).toBe(conversation.displayId);
  });

  it("threads by References alone, newest id first", async () => {
    const { ingest, conversation } = await setup();
    const other = await ingest(rawMail({ from: "other@example.org", messageId: "other-start@example.org", subject: "Unrelated" }));
    expect(other.conversationDisplayId).not.toBe(conversation.displayId);
    // Both ids are known; the newest (last) one decides.
    const reply = await ingest(rawMail({ messageId: "r-refs@example.org", references: "<other-start@example.org> <never-seen@x.org> <start@example.org>" }));
    expect(reply.conversationDisplayId).toBe(conversation.displayId);
  });

  it("threads by subject tag only when the sender is the conversation's contact", async () => {
    const { ingest, conversation } = await setup();
    const same = await ingest(rawMail({ from: "customer@example.org", messageId: "tag-1@example.org", subject: `Re: [#${conversation.displayId}] Order 1234` }));
    expect(same.conversationDisplayId).toBe(conversation.displayId);

    const stranger = await ingest(rawMail({ from: "stranger@example.net", messageId: "tag-2@example.org", subject: `Re: [#${conversation.displayId}] Order 1234` }));
    expect(stranger.status).toBe("imported");
    expect(stranger.conversationDisplayId).not.toBe(conversation.displayId);
  });

  it("never threads on subject text alone", async () => {
    const { ingest, conversation } = await setup();
    const sameSubject = await ingest(rawMail({ from: "someone@example.net", messageId: "subj-1@example.org", subject: "Order 1234" }));
    expect(sameSubject.conversationDisplayId).not.toBe(conversation.displayId);
    const reSubject = await ingest(rawMail({ from: "customer@example.org", messageId: "subj-2@example.org", subject: "Re: Order 1234" }));
    expect(reSubject.conversationDisplayId).not.toBe(conversation.displayId);
  });

  it("does not thread across inboxes, and the same Message-ID in two inboxes is two messages", async () => {
    const { account, ingest, conversation } = await setup();
    const { inbox: second } = await createEmailInboxRow(db(), account.id);
    const reply = await ingest(rawMail({ messageId: "cross-1@example.org", inReplyTo: "<start@example.org>", subject: `Re: [#${conversation.displayId}] Order 1234` }), second.id);
    expect(reply.status).toBe("imported");
    expect(reply.conversationDisplayId).not.toBe(conversation.displayId);
    const [created] = await db().select().from(conversations).where(and(eq(conversations.accountId, account.id), eq(conversations.displayId, reply.conversationDisplayId ?? 0)));
    expect(created.inboxId).toBe(second.id);

    const again = await ingest(rawMail({ messageId: "start@example.org" }), second.id);
    expect(again.status).toBe("imported");
    const copies = await db().select({ id: messages.id }).from(messages).where(and(eq(messages.accountId, account.id), eq(messages.sourceId, "start@example.org")));
    expect(copies).toHaveLength(2);
  });

  it("reads the last [#id] tag of a subject", () => {
    expect(subjectTag("Re: [#12] Fwd: [#34] hello")).toBe(34);
    expect(subjectTag("Order #12")).toBeNull();
  });
});
