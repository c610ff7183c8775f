import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contactInboxes, contacts, conversationParticipants, conversations, messages, rawEmails } from "@/db/schema";
import { sha256Hex } from "@/lib/email/ingest/dedupe-key";
import { ingestRawEmails } from "@/lib/email/ingest/ingest-batch";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { createAccount } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";

/**
 * The batch form of the pipeline the IMAP poll uses (one insert of the raw bytes, one import
 * transaction with a savepoint per message): the same guarantees as one message at a time.
 */
const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "ingest-batch-test-key");
});

async function setup() {
  const account = await createAccount(db());
  const { inbox, channel } = await createEmailInboxRow(db(), account.id);
  const scope = { accountId: account.id, inboxId: inbox.id };
  const ingest = (raws: Buffer[], archive = false) => ingestRawEmails(db(), { ...scope, source: "imap", archive, items: raws.map((raw, i) => ({ sourceRef: `1:${i + 1}`, raw })) });
  const incoming = () =>
    db()
      .select()
      .from(messages)
      .where(and(eq(messages.inboxId, inbox.id), eq(messages.messageType, "incoming")))
      .orderBy(asc(messages.id));
  return { account, inbox, channel, scope, ingest, incoming };
}

describe("ingesting a batch of emails", () => {
  it("imports every message once, in order, threading a reply to a message earlier in the same batch", async () => {
    const { ingest, incoming } = await setup();
    const first = rawMail({ from: "Dana <dana@example.org>", subject: "Login fails", messageId: "b-1@example.org" });
    const other = rawMail({ from: "Eli <eli@example.org>", subject: "Invoice", messageId: "b-2@example.org" });
    const reply = rawMail({ from: "Dana <dana@example.org>", subject: "Re: Login fails", messageId: "b-3@example.org", inReplyTo: "<b-1@example.org>", references: "<b-1@example.org>" });
    const results = await ingest([first, other, reply]);
    expect(results.map((r) => r.status)).toEqual(["imported", "imported", "imported"]);
    expect(results[2].conversationDisplayId).toBe(results[0].conversationDisplayId);
    expect(results[1].conversationDisplayId).not.toBe(results[0].conversationDisplayId);
    const rows = await incoming();
    expect(rows.map((m) => m.sourceId)).toEqual(["b-1@example.org", "b-2@example.org", "b-3@example.org"]);
  });

  it("stores a Message-ID that appears twice in the batch, or was stored before, once", async () => {
    const { ingest, incoming } = await setup();
    const raw = rawMail({ messageId: "twice-1@example.org" });
    const redelivered = Buffer.concat([Buffer.from("Received: from relay.example.org\r\n"), raw]);
    const results = await ingest([raw, redelivered]);
    expect(results.map((r) => r.status)).toEqual(["imported", "duplicate"]);
    expect(results[1].rawEmailId).toBe(results[0].rawEmailId);
    const again = await ingest([redelivered, rawMail({ messageId: "new-1@example.org" })]);
    expect(again.map((r) => r.status)).toEqual(["duplicate", "imported"]);
    expect(again[0].messageId).toBe(results[0].messageId);
    expect((await incoming()).map((m) => m.sourceId)).toEqual(["twice-1@example.org", "new-1@example.org"]);
  });

  it("quarantines an unparsable and an unimportable message with the reason, and the others of the batch still import", async () => {
    const { ingest, incoming } = await setup();
    const results = await ingest([
      rawMail({ messageId: "ok-1@example.org" }),
      Buffer.from("not an email\r\n"),
      // No From: parses, but fails inside its savepoint.
      Buffer.from("To: support@example.test\r\nSubject: Who?\r\nMessage-ID: <nofrom-1@example.org>\r\n\r\nHello\r\n"),
      rawMail({ messageId: "ok-2@example.org", inReplyTo: "<ok-1@example.org>" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["imported", "quarantined", "quarantined", "imported"]);
    expect(results[1].reason).toMatch(/could not be parsed/);
    expect(results[2].reason).toMatch(/no sender address/);
    expect(results[3].conversationDisplayId).toBe(results[0].conversationDisplayId);
    const [noFrom] = await db().select().from(rawEmails).where(eq(rawEmails.id, results[2].rawEmailId));
    expect(noFrom).toMatchObject({ status: "quarantined", messageId: null });
    expect(noFrom.error).toMatch(/no sender address/);
    // Nothing of the failed message was left behind by its rolled-back savepoint.
    expect((await incoming()).map((m) => m.sourceId)).toEqual(["ok-1@example.org", "ok-2@example.org"]);
  });

  it("finishes a message stored before a crash, and agrees with the one-message path afterwards", async () => {
    const { account, inbox, channel, scope, ingest, incoming } = await setup();
    const raw = rawMail({ messageId: "crashed-b@example.org", to: channel.email, cc: "Colleague <colleague@example.org>" });
    await db().insert(rawEmails).values({ ...scope, source: "imap", dedupeKey: "crashed-b@example.org", sha256: sha256Hex(raw), raw, byteSize: raw.length });
    const [result] = await ingest([raw]);
    expect(result.status).toBe("imported");
    expect((await ingestRawEmail(db(), { ...scope, source: "relay", raw })).status).toBe("duplicate");
    expect(await incoming()).toHaveLength(1);
    const [conversation] = await db()
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, account.id), eq(conversations.inboxId, inbox.id)));
    const participants = await db().select().from(conversationParticipants).where(eq(conversationParticipants.conversationId, conversation.id));
    expect(participants).toHaveLength(1);
  });

  it("threads by References to a message of the same batch and of an earlier one, attributing a CC'd colleague's reply to them", async () => {
    const { account, channel, ingest, incoming } = await setup();
    const to = channel.email;
    const results = await ingest([
      rawMail({ from: "Hana <hana@example.org>", to, cc: "Ivo <ivo@example.org>", subject: "Broken lamp", messageId: "r-1@example.org" }),
      rawMail({ from: "Jon <jon@example.org>", to, subject: "Unrelated", messageId: "r-2@example.org" }),
      rawMail({ from: "Ivo <ivo@example.org>", to, subject: "Re: Broken lamp", messageId: "r-3@example.org", references: "<unknown@example.org> <r-1@example.org>" }),
    ]);
    const later = await ingest([rawMail({ from: "hana@example.org", to, subject: "Re: Broken lamp", messageId: "r-4@example.org", inReplyTo: "<r-3@example.org>" })]);
    const thread = results[0].conversationDisplayId;
    expect([results[2].conversationDisplayId, later[0].conversationDisplayId]).toEqual([thread, thread]);
    expect(results[1].conversationDisplayId).not.toBe(thread);
    const [conversation] = await db()
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, account.id), eq(conversations.displayId, thread ?? 0)));
    const people = await db().select().from(contacts).where(eq(contacts.accountId, account.id));
    const idOf = (email: string) => people.find((c) => c.email === email)?.id;
    expect(conversation.contactId).toBe(idOf("hana@example.org"));
    const rows = await incoming();
    expect(rows.filter((m) => m.conversationId === conversation.id).map((m) => [m.sourceId, m.senderId])).toEqual([
      ["r-1@example.org", idOf("hana@example.org")],
      ["r-3@example.org", idOf("ivo@example.org")],
      ["r-4@example.org", idOf("hana@example.org")],
    ]);
    const participants = await db().select().from(conversationParticipants).where(eq(conversationParticipants.conversationId, conversation.id));
    expect(participants.map((p) => p.contactId)).toEqual([idOf("ivo@example.org")]);
  });

  it("gives each sender one contact in the account, whichever inbox or conversation they first appeared in", async () => {
    const { account, inbox, channel, ingest } = await setup();
    const results = await ingest([
      rawMail({ from: "Fay <Fay@example.org>", to: channel.email, cc: "Gus <gus@example.org>", messageId: "c-1@example.org" }),
      // The CC'd colleague writes mail of their own, and Fay writes again: no new contacts.
      rawMail({ from: "Gus Green <gus@example.org>", to: channel.email, subject: "Another thing", messageId: "c-2@example.org" }),
      rawMail({ from: "fay@example.org", to: channel.email, subject: "New question", messageId: "c-3@example.org" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["imported", "imported", "imported"]);
    // Fay writes to a second inbox of the account: the same contact, a row for that inbox.
    const second = await createEmailInboxRow(db(), account.id);
    const [elsewhere] = await ingestRawEmails(db(), {
      accountId: account.id,
      inboxId: second.inbox.id,
      source: "imap",
      items: [{ raw: rawMail({ from: "Fay <fay@example.org>", to: second.channel.email, messageId: "c-4@example.org" }) }],
    });
    const people = await db().select().from(contacts).where(eq(contacts.accountId, account.id)).orderBy(asc(contacts.id));
    expect(people.map((c) => [c.name, c.email])).toEqual([
      ["Fay", "fay@example.org"],
      ["Gus", "gus@example.org"],
    ]);
    const byDisplayId = async (displayId: number | undefined) => {
      const [row] = await db()
        .select()
        .from(conversations)
        .where(and(eq(conversations.accountId, account.id), eq(conversations.displayId, displayId ?? 0)));
      return row;
    };
    const [fay, gus] = people;
    expect((await byDisplayId(results[0].conversationDisplayId)).contactId).toBe(fay.id);
    expect((await byDisplayId(results[1].conversationDisplayId)).contactId).toBe(gus.id);
    expect((await byDisplayId(results[2].conversationDisplayId)).contactId).toBe(fay.id);
    const other = await byDisplayId(elsewhere.conversationDisplayId);
    expect(other).toMatchObject({ contactId: fay.id, inboxId: second.inbox.id });
    const rows = await db().select().from(contactInboxes).where(eq(contactInboxes.contactId, fay.id)).orderBy(asc(contactInboxes.id));
    expect(rows.map((r) => r.inboxId)).toEqual([inbox.id, second.inbox.id]);
  });

  it("imports history in archive mode as resolved conversations", async () => {
    const { account, ingest } = await setup();
    const [result] = await ingest([rawMail({ messageId: "old-b@example.org" })], true);
    const [conversation] = await db()
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, account.id), eq(conversations.displayId, result.conversationDisplayId ?? 0)));
    expect(conversation.status).toBe("resolved");
  });

  it("in archive mode keeps a thread opened in the batch and an older resolved one resolved, with no waiting clock", async () => {
    const { account, ingest, incoming } = await setup();
    const [old] = await ingest([rawMail({ from: "kim@example.org", messageId: "arch-0@example.org" })], true);
    const results = await ingest(
      [
        rawMail({ from: "kim@example.org", subject: "Re: old", messageId: "arch-1@example.org", inReplyTo: "<arch-0@example.org>" }),
        rawMail({ from: "Lea <lea@example.org>", subject: "History", messageId: "arch-2@example.org" }),
        rawMail({ from: "lea@example.org", subject: "Re: History", messageId: "arch-3@example.org", inReplyTo: "<arch-2@example.org>" }),
      ],
      true,
    );
    const first = old.conversationDisplayId ?? 0;
    expect(results.map((r) => r.conversationDisplayId)).toEqual([first, first + 1, first + 1]);
    const rows = await db().select().from(conversations).where(eq(conversations.accountId, account.id)).orderBy(asc(conversations.displayId));
    expect(rows.map((c) => [c.status, c.waitingSince])).toEqual([
      ["resolved", null],
      ["resolved", null],
    ]);
    // No "Conversation was reopened" line: only the four imported messages.
    const all = await db().select().from(messages).where(eq(messages.accountId, account.id));
    expect(all.map((m) => m.messageType)).toEqual(["incoming", "incoming", "incoming", "incoming"]);
    expect((await incoming()).map((m) => m.sourceId)).toEqual(["arch-0@example.org", "arch-1@example.org", "arch-2@example.org", "arch-3@example.org"]);
  });
});
