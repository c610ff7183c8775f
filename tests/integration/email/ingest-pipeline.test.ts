import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { attachments, contacts, conversationParticipants, conversations, emailDeliveries, messages, rawEmails } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { sha256Hex } from "@/lib/email/ingest/dedupe-key";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { reprocessRawEmail } from "@/lib/email/ingest/reprocess-raw-email";
import { setEnvVar } from "@/lib/env";
import { createAccount, createAgent, createConversation, createMessage } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";

const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "ingest-test-key");
});

async function setup() {
  const account = await createAccount(db());
  const admin = await createAgent(db(), account.id, { role: "administrator" });
  const agent = await createAgent(db(), account.id, { role: "agent" });
  const { inbox, channel } = await createEmailInboxRow(db(), account.id);
  const ingest = (raw: Buffer, extra: { archive?: boolean } = {}) => ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw, ...extra });
  return { account, admin, agent, inbox, channel, ingest };
}

async function messagesOf(conversationDisplayId: number, accountId: number) {
  const [conversation] = await db()
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.displayId, conversationDisplayId)));
  const rows = await db().select().from(messages).where(eq(messages.conversationId, conversation.id)).orderBy(asc(messages.id));
  return { conversation, messages: rows };
}

async function countMessages(inboxId: number) {
  return (await db().select({ id: messages.id }).from(messages).where(and(eq(messages.inboxId, inboxId), eq(messages.messageType, "incoming")))).length;
}

describe("ingesting an email", () => {
  it("turns new mail into a conversation with the sender as contact and the email kept in full", async () => {
    const { account, inbox, ingest } = await setup();
    const raw = rawMail({ from: "Carla Customer <Carla@Example.org>", subject: "Broken zipper", messageId: "first-1@example.org", body: "My zipper broke.\r\n\r\n> old quoted text" });
    const result = await ingest(raw);
    expect(result.status).toBe("imported");
    expect(result.conversationDisplayId).toBeGreaterThan(0);

    const { conversation, messages: rows } = await messagesOf(result.conversationDisplayId ?? 0, account.id);
    expect(conversation.status).toBe("open");
    expect(conversation.additionalAttributes).toMatchObject({ mail_subject: "Broken zipper" });
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, conversation.contactId));
    expect(contact).toMatchObject({ name: "Carla Customer", email: "carla@example.org" });

    expect(rows).toHaveLength(1);
    const message = rows[0];
    expect(message).toMatchObject({ messageType: "incoming", contentType: "incoming_email", sourceId: "first-1@example.org", senderType: "contact", senderId: contact.id });
    expect(message.content).toBe("My zipper broke.");
    const email = (message.contentAttributes as { email: Record<string, unknown> }).email;
    expect(email).toMatchObject({ from: ["carla@example.org"], to: ["support@example.test"], subject: "Broken zipper", message_id: "first-1@example.org", kind: "normal" });
    expect(email.text_content).toMatchObject({ reply: "My zipper broke." });
    expect(String((email.text_content as { full: string }).full)).toContain("old quoted text");

    const [stored] = await db().select().from(rawEmails).where(eq(rawEmails.id, result.rawEmailId));
    expect(stored).toMatchObject({ status: "imported", messageId: message.id, dedupeKey: expect.stringMatching(/^first-1@example\.org content:[0-9a-f]{64}$/), inboxId: inbox.id });
    expect(Buffer.compare(stored.raw, raw)).toBe(0);
  });

  it("stores a second delivery of the same Message-ID once, and a message without one by its hash", async () => {
    const { inbox, ingest } = await setup();
    const raw = rawMail({ messageId: "dup-1@example.org" });
    expect((await ingest(raw)).status).toBe("imported");
    // The same message relayed again with an extra header: same Message-ID, different bytes.
    const again = Buffer.concat([Buffer.from("Received: from relay2\r\n"), raw]);
    expect((await ingest(again)).status).toBe("duplicate");

    const noId = rawMail({ messageId: null, body: "no id here" });
    const first = await ingest(noId);
    expect(first.status).toBe("imported");
    expect((await ingest(noId)).status).toBe("duplicate");
    const [row] = await db().select({ key: rawEmails.dedupeKey }).from(rawEmails).where(eq(rawEmails.id, first.rawEmailId));
    expect(row.key).toBe(`sha256:${sha256Hex(noId)}`);
    expect(await countMessages(inbox.id)).toBe(2);
  });

  it("finishes a message that was stored but not imported before a crash, once", async () => {
    const { account, inbox, ingest } = await setup();
    const raw = rawMail({ messageId: "crashed-1@example.org" });
    await db().insert(rawEmails).values({ accountId: account.id, inboxId: inbox.id, source: "imap", dedupeKey: "crashed-1@example.org", sha256: sha256Hex(raw), raw, byteSize: raw.length });
    expect((await ingest(raw)).status).toBe("imported");
    expect((await ingest(raw)).status).toBe("duplicate");
    expect(await countMessages(inbox.id)).toBe(1);
  });

  it("quarantines a malformed message with its error in words, and the next one still imports", async () => {
    const { account, admin, agent, inbox, ingest } = await setup();
    const bad = await ingest(Buffer.from("this is not an email at all\r\njust text\r\n"));
    expect(bad.status).toBe("quarantined");
    expect(bad.reason).toMatch(/could not be parsed: The message does not start with an email header/);
    const [row] = await db().select().from(rawEmails).where(eq(rawEmails.id, bad.rawEmailId));
    expect(row).toMatchObject({ status: "quarantined", messageId: null });
    expect(row.error).toMatch(/not an RFC 822 email/);

    expect((await ingest(rawMail())).status).toBe("imported");
    expect(await countMessages(inbox.id)).toBe(1);

    // Reprocessing is for administrators; a still-broken message stays quarantined.
    await expect(reprocessRawEmail(db(), userActor(agent.id), account.id, bad.rawEmailId)).rejects.toThrow(/administrators/);
    expect((await reprocessRawEmail(db(), userActor(admin.id), account.id, bad.rawEmailId)).status).toBe("quarantined");
  });

  it("reprocesses a quarantined message whose cause is gone, once", async () => {
    const { account, admin, inbox } = await setup();
    const raw = rawMail({ messageId: "was-stuck@example.org" });
    const [row] = await db()
      .insert(rawEmails)
      .values({ accountId: account.id, inboxId: inbox.id, source: "imap", dedupeKey: "was-stuck@example.org", sha256: sha256Hex(raw), raw, byteSize: raw.length, status: "quarantined", error: "Database restarted" })
      .returning();
    const result = await reprocessRawEmail(db(), userActor(admin.id), account.id, row.id);
    expect(result.status).toBe("imported");
    await expect(reprocessRawEmail(db(), userActor(admin.id), account.id, row.id)).rejects.toThrow(/imported, not quarantined/);
    expect(await countMessages(inbox.id)).toBe(1);
  });

  it("quarantines mail without a sender instead of inventing a contact", async () => {
    const { ingest } = await setup();
    const raw = Buffer.from("To: support@example.test\r\nSubject: who am I\r\nMessage-ID: <nofrom@example.org>\r\n\r\nbody\r\n");
    const result = await ingest(raw);
    expect(result).toMatchObject({ status: "quarantined", reason: expect.stringMatching(/no sender address/) });
  });

  it("quarantines mail whose From cannot be read, with the reason, instead of inventing a contact", async () => {
    const { account, ingest } = await setup();
    for (const from of ["<<<@@@>>>", "Someone <not an address>", "\"Mallory\" <@@>"]) {
      const raw = Buffer.from(`From: ${from}\r\nTo: support@example.test\r\nSubject: unreadable\r\nMessage-ID: <${Math.random().toString(36).slice(2)}@example.org>\r\n\r\nbody\r\n`);
      const result = await ingest(raw);
      expect(result).toMatchObject({ status: "quarantined", reason: expect.stringMatching(/sender address .*cannot be read/) });
      expect(result.reason).toContain(from.slice(0, 8));
    }
    const made = await db().select({ name: contacts.name, email: contacts.email }).from(contacts).where(eq(contacts.accountId, account.id));
    expect(made).toEqual([]);
  });

  it("records only readable addresses of To and Cc as participants", async () => {
    const { account, ingest } = await setup();
    const raw = rawMail({ messageId: "cc-junk@example.org", cc: "<<<x>>>, \"N\" <bad @x>, Real <real@example.org>" });
    expect((await ingest(raw)).status).toBe("imported");
    const made = await db().select({ email: contacts.email }).from(contacts).where(eq(contacts.accountId, account.id));
    expect(made.map((c) => c.email).sort()).toEqual(["customer@example.org", "real@example.org", "support@example.test"]);
  });

  it("keeps attachments, lists those over the size limit as not imported, and maps inline images", async () => {
    const { account, ingest } = await setup();
    setEnvVar("EMAIL_ATTACHMENT_MAX_BYTES", "2000");
    try {
      const boundary = "b-1";
      const small = Buffer.alloc(500, 1).toString("base64");
      const big = Buffer.alloc(5000, 2).toString("base64");
      const raw = Buffer.from(
        [
          "From: Ann <ann@example.org>",
          "To: support@example.test",
          "Subject: files",
          "Message-ID: <files-1@example.org>",
          "MIME-Version: 1.0",
          `Content-Type: multipart/mixed; boundary="${boundary}"`,
          "",
          `--${boundary}`,
          "Content-Type: text/html; charset=utf-8",
          "",
          '<p>See <img src="cid:logo@x"></p>',
          `--${boundary}`,
          "Content-Type: image/png; name=logo.png",
          "Content-ID: <logo@x>",
          "Content-Transfer-Encoding: base64",
          "",
          small,
          `--${boundary}`,
          "Content-Type: application/pdf; name=huge.pdf",
          "Content-Disposition: attachment; filename=huge.pdf",
          "Content-Transfer-Encoding: base64",
          "",
          big,
          `--${boundary}--`,
          "",
        ].join("\r\n"),
      );
      const result = await ingest(raw);
      expect(result.status).toBe("imported");
      const stored = await db().select().from(attachments).where(eq(attachments.messageId, result.messageId ?? 0));
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ fileType: "image", contentType: "image/png", byteSize: 500 });
      expect(stored[0].data?.length).toBe(500);
      const [message] = await db().select().from(messages).where(and(eq(messages.accountId, account.id), eq(messages.id, result.messageId ?? 0)));
      const email = (message.contentAttributes as { email: Record<string, unknown> }).email;
      expect(email.attachments_not_imported).toEqual([expect.objectContaining({ filename: "huge.pdf", size: 5000 })]);
      expect(email.inline_images).toEqual({ "logo@x": stored[0].id });
    } finally {
      setEnvVar("EMAIL_ATTACHMENT_MAX_BYTES", String(25 * 1024 * 1024));
    }
  });

  it("flags an auto-reply and does not reopen a resolved conversation with it", async () => {
    const { account, ingest } = await setup();
    const first = await ingest(rawMail({ messageId: "q-1@example.org" }));
    await db().update(conversations).set({ status: "resolved" }).where(and(eq(conversations.accountId, account.id), eq(conversations.displayId, first.conversationDisplayId ?? 0)));
    const oof = await ingest(rawMail({ messageId: "oof-1@example.org", inReplyTo: "<q-1@example.org>", subject: "Automatic reply: Help", headers: ["Auto-Submitted: auto-replied"] }));
    expect(oof).toMatchObject({ status: "imported", conversationDisplayId: first.conversationDisplayId });
    const { conversation, messages: rows } = await messagesOf(first.conversationDisplayId ?? 0, account.id);
    expect(conversation.status).toBe("resolved");
    expect((rows[1].contentAttributes as { email: Record<string, unknown> }).email).toMatchObject({ auto_reply: true, kind: "auto_reply" });
  });

  it("marks the original outbound message failed on a bounce, without a conversation", async () => {
    const { account, inbox, ingest } = await setup();
    const conversation = await createConversation(db(), account.id, inbox.id);
    const ourId = `conversation/${conversation.uuid}/messages/77@postdesk.test`;
    const outgoing = await createMessage(db(), conversation, { messageType: "outgoing", content: "Your order shipped", sourceId: ourId, status: "sent" });
    await db().insert(emailDeliveries).values({ accountId: account.id, inboxId: inbox.id, messageId: outgoing.id, status: "sent", transport: "smtp", internetMessageId: ourId });
    const dsn = readFileSync(path.join(__dirname, "../../fixtures/email/bounce-postfix.eml"), "utf8").replace(
      "conversation/0b6f3c1e-8a4b-4d8e-9a51-3c2d1e0f9a7b/messages/42@postdesk.test",
      ourId,
    );
    const before = (await db().select({ id: conversations.id }).from(conversations).where(eq(conversations.accountId, account.id))).length;
    const result = await ingest(Buffer.from(dsn));
    expect(result).toMatchObject({ status: "ignored", messageId: outgoing.id });
    const [failed] = await db().select().from(messages).where(eq(messages.id, outgoing.id));
    expect(failed.status).toBe("failed");
    expect(failed.contentAttributes).toMatchObject({ external_error: expect.stringMatching(/550 5\.1\.1 .*User unknown/) });
    const [delivery] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, outgoing.id));
    expect(delivery.status).toBe("failed");
    expect(delivery.lastError).toMatch(/Bounced: 550/);
    expect((await db().select({ id: conversations.id }).from(conversations).where(eq(conversations.accountId, account.id))).length).toBe(before);
  });

  it("ignores mail from the inbox's own address", async () => {
    const { inbox, channel, ingest } = await setup();
    const result = await ingest(rawMail({ from: `Support <${channel.email}>`, to: "customer@example.org" }));
    expect(result.status).toBe("ignored");
    expect(result.reason).toMatch(/own address/);
    expect(await countMessages(inbox.id)).toBe(0);
  });

  it("imports history in archive mode as resolved conversations", async () => {
    const { account, ingest } = await setup();
    const result = await ingest(rawMail({ messageId: "old-1@example.org", date: new Date("2024-01-02T10:00:00Z") }), { archive: true });
    const { conversation } = await messagesOf(result.conversationDisplayId ?? 0, account.id);
    expect(conversation.status).toBe("resolved");
  });

  it("records CC'd people as participants, attributes their reply to them, and reopens a resolved conversation", async () => {
    const { account, channel, ingest } = await setup();
    const first = await ingest(rawMail({ from: "Dana <dana@example.org>", to: channel.email, cc: `Eli <eli@example.org>, ${channel.email}`, messageId: "cc-1@example.org" }));
    const { conversation } = await messagesOf(first.conversationDisplayId ?? 0, account.id);
    const participants = await db()
      .select({ email: contacts.email })
      .from(conversationParticipants)
      .innerJoin(contacts, eq(contacts.id, conversationParticipants.contactId))
      .where(eq(conversationParticipants.conversationId, conversation.id));
    expect(participants.map((p) => p.email)).toEqual(["eli@example.org"]);

    await db().update(conversations).set({ status: "resolved" }).where(eq(conversations.id, conversation.id));
    const reply = await ingest(rawMail({ from: "Eli <eli@example.org>", to: channel.email, cc: "dana@example.org", messageId: "cc-2@example.org", inReplyTo: "<cc-1@example.org>" }));
    expect(reply.conversationDisplayId).toBe(first.conversationDisplayId);
    const after = await messagesOf(first.conversationDisplayId ?? 0, account.id);
    expect(after.conversation.status).toBe("open");
    const [eli] = await db().select().from(contacts).where(and(eq(contacts.accountId, account.id), eq(contacts.email, "eli@example.org")));
    const incoming = after.messages.filter((m) => m.messageType === "incoming");
    expect(incoming.map((m) => m.senderId)).toEqual([conversation.contactId, eli.id]);
    expect(after.messages.some((m) => m.messageType === "activity" && m.content === "Conversation was reopened")).toBe(true);
    // The conversation's contact is still Dana.
    expect(after.conversation.contactId).toBe(conversation.contactId);
  });

  it("refuses an inbox of another account", async () => {
    const { inbox } = await setup();
    const other = await createAccount(db());
    await expect(ingestRawEmail(db(), { accountId: other.id, inboxId: inbox.id, source: "relay", raw: rawMail() })).rejects.toThrow(/not found/);
    expect((await db().select({ id: rawEmails.id }).from(rawEmails).where(eq(rawEmails.accountId, other.id))).length).toBe(0);
  });
});
