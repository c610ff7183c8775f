import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments, contacts, conversationParticipants, conversations, messages, notifications, rawEmails } from "@/db/schema";
import { ingestRawEmails } from "@/lib/email/ingest/ingest-batch";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { inboxChannel } from "@/lib/realtime/channels";
import type { ConversationPayload, MessagePayload } from "@/lib/realtime/payloads";
import { addInboxMember, createAccount, createAgent } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { connectAs, settle, useRealtimeServer, type TestClient } from "@/tests/support/realtime";

/**
 * The batch import writes a whole batch at once (import-batch.ts); what an agent sees afterwards
 * must be exactly what importing the same mail one message at a time gives.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "ingest-batch-same-test-key"));
afterAll(() => clients.forEach((c) => c.disconnect()));

const bounce = readFileSync(path.join(__dirname, "../../fixtures/email/bounce-postfix.eml"));

function inlineImageMail(to: string): Buffer {
  const image = Buffer.from("not really a png").toString("base64");
  return Buffer.from(
    [
      "From: Quinn <quinn@example.org>",
      `To: ${to}`,
      "Subject: Screenshot",
      "Message-ID: <e-10@example.org>",
      "In-Reply-To: <e-9@example.org>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/related; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/html; charset=utf-8",
      "",
      '<p>See this <img src="cid:shot@example.org"></p>',
      "--b1",
      "Content-Type: image/png; name=shot.png",
      "Content-Transfer-Encoding: base64",
      "Content-ID: <shot@example.org>",
      "Content-Disposition: inline; filename=shot.png",
      "",
      image,
      "--b1--",
      "",
    ].join("\r\n"),
  );
}

/** Earlier mail (one resolved conversation, one assigned), then a day's mail, as one batch or one by one. */
async function scenario(asBatch: boolean) {
  const account = await createAccount(db());
  const agent = await createAgent(db(), account.id);
  const { inbox, channel } = await createEmailInboxRow(db(), account.id);
  const scope = { accountId: account.id, inboxId: inbox.id, source: "imap" as const };
  const to = channel.email;
  for (const raw of [
    rawMail({ from: "Olga <olga@example.org>", to, subject: "Old question", messageId: "e-old-1@example.org" }),
    rawMail({ from: "Pia <pia@example.org>", to, subject: "Assigned", messageId: "e-old-2@example.org" }),
  ]) {
    await ingestRawEmail(db(), { ...scope, raw });
  }
  const byDisplay = (displayId: number) => and(eq(conversations.accountId, account.id), eq(conversations.displayId, displayId));
  await db().update(conversations).set({ status: "resolved" }).where(byDisplay(1));
  await db().update(conversations).set({ assigneeId: agent.id }).where(byDisplay(2));

  const mails = [
    rawMail({ from: "Olga <olga@example.org>", to, subject: "Re: Old question", messageId: "e-1@example.org", inReplyTo: "<e-old-1@example.org>", body: "Still broken." }),
    rawMail({ from: "olga@example.org", to, subject: "Re: Old question", messageId: "e-2@example.org", inReplyTo: "<e-1@example.org>", body: "Hello?" }),
    rawMail({ from: "Pia <pia@example.org>", to, subject: "Re: Assigned", messageId: "e-3@example.org", references: "<e-old-2@example.org>", body: "Any news?" }),
    rawMail({ from: "Pia <pia@example.org>", to, subject: "Out of office", messageId: "e-4@example.org", inReplyTo: "<e-3@example.org>", headers: ["Auto-Submitted: auto-replied"] }),
    rawMail({ from: "Quinn <quinn@example.org>", to, cc: `Rui <rui@example.org>, ${to}`, subject: "New thing", messageId: "e-5@example.org" }),
    rawMail({ from: "Rui <rui@example.org>", to, subject: "Re: New thing", messageId: "e-6@example.org", inReplyTo: "<e-5@example.org>" }),
    // Tagged with the display id the conversation of e-5 gets (the account's third).
    rawMail({ from: "quinn@example.org", to, subject: "Re: [#3] New thing", messageId: "e-7@example.org" }),
    rawMail({ from: to, to, subject: "Looped", messageId: "e-8@example.org" }),
    rawMail({ from: "Quinn <quinn@example.org>", to, subject: "Second topic", messageId: "e-9@example.org" }),
    bounce,
    inlineImageMail(to),
    rawMail({ from: "Sam <sam@example.org>", to, subject: "New too", messageId: "e-11@example.org", references: "<e-9@example.org> <e-5@example.org>" }),
  ];
  const results = asBatch
    ? await ingestRawEmails(db(), { ...scope, items: mails.map((raw) => ({ raw })) })
    : await mails.reduce<Promise<Awaited<ReturnType<typeof ingestRawEmail>>[]>>(async (done, raw) => [...(await done), await ingestRawEmail(db(), { ...scope, raw })], Promise.resolve([]));
  // The inbox's address differs between the two accounts; the words around it must not.
  const words = (text: string | null | undefined) => text?.replaceAll(to, "<inbox>") ?? null;
  const seen = await snapshot(account.id, agent.id);
  return {
    results: results.map((r) => [r.status, r.conversationDisplayId ?? null, words(r.reason)]),
    ...seen,
    raw: seen.raw.map(([status, error, conversation]) => [status, words(error as string | null), conversation]),
  };
}

/** What an agent can see of the account, without ids and clock times. */
async function snapshot(accountId: number, agentId: number) {
  const people = await db().select().from(contacts).where(eq(contacts.accountId, accountId));
  const email = (id: number | null) => people.find((c) => c.id === id)?.email ?? null;
  const convs = await db().select().from(conversations).where(eq(conversations.accountId, accountId)).orderBy(asc(conversations.displayId));
  const display = (id: number | null) => convs.find((c) => c.id === id)?.displayId ?? null;
  const msgs = await db().select().from(messages).where(eq(messages.accountId, accountId)).orderBy(asc(messages.id));
  const files = await db().select().from(attachments).where(eq(attachments.accountId, accountId));
  const parts = await db().select().from(conversationParticipants).where(eq(conversationParticipants.accountId, accountId));
  const notes = await db().select().from(notifications).where(eq(notifications.accountId, accountId)).orderBy(asc(notifications.id));
  const raws = await db().select().from(rawEmails).where(eq(rawEmails.accountId, accountId)).orderBy(asc(rawEmails.id));
  return {
    conversations: convs.map((c) => ({
      displayId: c.displayId,
      status: c.status,
      contact: email(c.contactId),
      assigned: c.assigneeId !== null,
      waiting: c.waitingSince !== null,
      activityIsLastMessage: c.lastActivityAt.getTime() === Math.max(...msgs.filter((m) => m.conversationId === c.id && m.messageType === "incoming").map((m) => m.createdAt.getTime())),
      participants: parts.filter((p) => p.conversationId === c.id).map((p) => email(p.contactId)).sort(),
      messages: msgs
        .filter((m) => m.conversationId === c.id)
        .map((m) => {
          const inline = (m.contentAttributes.email as { inline_images?: Record<string, number> } | undefined)?.inline_images ?? {};
          return [m.messageType, m.content, m.sourceId, m.senderId === null ? null : email(m.senderId), files.filter((f) => f.messageId === m.id).map((f) => f.fileName), Object.keys(inline)];
        }),
    })),
    contacts: people.map((c) => [c.email, c.name, c.lastActivityAt !== null]).sort(),
    notifications: notes.map((n) => [n.userId === agentId, n.notificationType, display(n.conversationId), n.title, n.body]),
    raw: raws.map((r) => [r.status, r.error, r.messageId === null ? null : display(msgs.find((m) => m.id === r.messageId)?.conversationId ?? null)]),
  };
}

describe("a batch written at once", () => {
  it("leaves exactly what importing its messages one at a time leaves", async () => {
    const single = await scenario(false);
    const batch = await scenario(true);
    expect(batch).toEqual(single);
    // And that is the right thing, so the comparison cannot pass on two empty imports.
    expect(batch.results.map((r) => r[0])).toEqual(["imported", "imported", "imported", "imported", "imported", "imported", "imported", "ignored", "imported", "ignored", "imported", "imported"]);
    expect(batch.results.map((r) => r[1])).toEqual([1, 1, 2, 2, 3, 3, 3, null, 4, null, 4, 3]);
    const [reopened, assigned, fresh] = batch.conversations;
    expect(reopened).toMatchObject({ status: "open", waiting: true, activityIsLastMessage: true });
    expect(reopened.messages.map((m) => m[2] ?? m[1])).toEqual(["e-old-1@example.org", "e-1@example.org", "Conversation was reopened", "e-2@example.org"]);
    expect(assigned.messages.map((m) => m[2])).toEqual(["e-old-2@example.org", "e-3@example.org", "e-4@example.org"]);
    expect(batch.notifications).toEqual([[true, "assigned_conversation_new_message", 2, "New message in conversation #2", "Any news?"]]);
    expect(fresh).toMatchObject({ contact: "quinn@example.org", participants: ["rui@example.org", "sam@example.org"] });
    expect(fresh.messages.map((m) => [m[2], m[3]])).toEqual([
      ["e-5@example.org", "quinn@example.org"],
      ["e-6@example.org", "rui@example.org"],
      ["e-7@example.org", "quinn@example.org"],
      // References: the newest id (the last one listed) wins.
      ["e-11@example.org", "sam@example.org"],
    ]);
    expect(batch.conversations[3].messages.map((m) => [m[2], m[3], m[4], m[5]])).toEqual([
      ["e-9@example.org", "quinn@example.org", [], []],
      ["e-10@example.org", "quinn@example.org", ["shot.png"], ["shot@example.org"]],
    ]);
  });

  it("publishes conversation.created before its first message.created, in the order of the mail", async () => {
    const account = await createAccount(db());
    const member = await createAgent(db(), account.id);
    const { inbox, channel } = await createEmailInboxRow(db(), account.id);
    await addInboxMember(db(), account.id, inbox.id, member.id);
    const watcher = await connectAs(realtime().port, db, member.id);
    clients.push(watcher);
    await watcher.subscribe(inboxChannel(account.id, inbox.id));
    const to = channel.email;
    const results = await ingestRawEmails(db(), {
      accountId: account.id,
      inboxId: inbox.id,
      source: "imap",
      items: [
        rawMail({ from: "Uma <uma@example.org>", to, subject: "First", messageId: "ev-1@example.org" }),
        rawMail({ from: "Uma <uma@example.org>", to, subject: "Re: First", messageId: "ev-2@example.org", inReplyTo: "<ev-1@example.org>" }),
        rawMail({ from: "Vic <vic@example.org>", to, subject: "Second", messageId: "ev-3@example.org" }),
      ].map((raw) => ({ raw })),
    });
    const messageIds = results.map((r) => r.messageId);
    await watcher.waitFor((e) => e.name === "message.created" && (e.data as MessagePayload).message.id === messageIds[2]);
    await settle();
    const order = watcher.received
      .filter((e) => e.name === "conversation.created" || e.name === "message.created")
      .map((e) =>
        e.name === "conversation.created"
          ? ["conversation.created", (e.data as ConversationPayload).conversation.displayId]
          : ["message.created", (e.data as MessagePayload).message.id],
      );
    expect(order).toEqual([
      ["conversation.created", results[0].conversationDisplayId],
      ["message.created", messageIds[0]],
      ["message.created", messageIds[1]],
      ["conversation.created", results[2].conversationDisplayId],
      ["message.created", messageIds[2]],
    ]);
  });
});
