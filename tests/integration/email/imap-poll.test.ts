import net from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { channelEmail, conversations, mailboxCursors, messages, rawEmails } from "@/db/schema";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { claimDueMailboxes } from "@/lib/mailbox/imap/due-mailboxes";
import { pollMailbox } from "@/lib/mailbox/imap/poll-mailbox";
import { pollMailboxFunction } from "@/inngest/functions/mailbox/poll-mailboxes";
import { createAccount } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { describeDovecot, useDovecot, type Dovecot } from "@/tests/support/dovecot";
import { createEmailInboxRow, rawMail, type EmailInboxOptions } from "@/tests/support/email-inbox";

const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "imap-test-key");
});

type ImapSetup = NonNullable<EmailInboxOptions["imap"]>;

/** A mailbox user on the test Dovecot and an email inbox polling it. */
async function setup(dovecot: Dovecot, imap: Partial<ImapSetup> = {}) {
  const account = await createAccount(db());
  const email = `support-${Math.random().toString(36).slice(2, 10)}@example.test`;
  await dovecot.addUser(email, "right-password");
  const { inbox, channel } = await createEmailInboxRow(db(), account.id, {
    email,
    imap: { host: dovecot.host, port: dovecot.port, password: "right-password", ...imap },
  });
  const scope = { accountId: account.id, inboxId: inbox.id };
  return {
    account,
    inbox,
    channel,
    email,
    scope,
    poll: (options?: { maxMessages?: number; batchSize?: number }) => pollMailbox(db(), scope, options),
    deliver: (raw: Buffer, folder = "INBOX", flags?: string[], date?: Date) => dovecot.appendMessage(email, folder, raw, flags, date),
  };
}

async function incomingCount(inboxId: number) {
  return (await db().select({ id: messages.id }).from(messages).where(and(eq(messages.inboxId, inboxId), eq(messages.messageType, "incoming")))).length;
}

async function folderUids(dovecot: Dovecot, user: string, folder: string) {
  const client = await dovecot.connect(user);
  try {
    const status = await client.status(folder, { messages: true, uidValidity: true });
    if (!status) throw new Error(`No STATUS for ${folder}`);
    const lock = await client.getMailboxLock(folder);
    try {
      const seen = (await client.search({ seen: true }, { uid: true })) || [];
      const all = (await client.search({ all: true }, { uid: true })) || [];
      return { count: status.messages ?? 0, uidValidity: Number(status.uidValidity), seen, all };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

async function health(channelId: number) {
  const [row] = await db().select().from(channelEmail).where(eq(channelEmail.id, channelId));
  return row;
}

describeDovecot("polling an IMAP mailbox", () => {
  const dovecot = useDovecot();

  it("imports new mail into conversations, moves it to Processed (created), and re-polling adds nothing", async () => {
    const s = await setup(dovecot());
    await s.deliver(rawMail({ messageId: "p1@example.org", to: s.email }));
    await s.deliver(rawMail({ messageId: "p2@example.org", to: s.email, from: "other@example.org" }));
    const first = await s.poll();
    expect(first).toMatchObject({ ok: true, fetched: 2, imported: 2, duplicates: 0, more: false, resynced: true });
    expect(await incomingCount(s.inbox.id)).toBe(2);
    expect((await folderUids(dovecot(), s.email, "INBOX")).count).toBe(0);
    expect((await folderUids(dovecot(), s.email, "Processed")).count).toBe(2);

    const h = await health(s.channel.id);
    expect(h.health).toBe("ok");
    expect(h.lastSuccessfulPollAt).not.toBeNull();
    expect((h.nextPollAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(50_000);

    const again = await s.poll();
    expect(again).toMatchObject({ ok: true, fetched: 0, imported: 0 });
    expect(await incomingCount(s.inbox.id)).toBe(2);
  });

  it("stores a message delivered twice once", async () => {
    const s = await setup(dovecot(), { afterImport: "mark_seen" });
    const raw = rawMail({ messageId: "twice@example.org", to: s.email });
    await s.deliver(raw);
    await s.deliver(raw);
    const result = await s.poll();
    expect(result).toMatchObject({ imported: 1, duplicates: 1 });
    expect(await incomingCount(s.inbox.id)).toBe(1);
    // mark_seen: both stay in the folder, flagged \Seen.
    const inbox = await folderUids(dovecot(), s.email, "INBOX");
    expect(inbox.count).toBe(2);
    expect(inbox.seen).toEqual(inbox.all);
  });

  it("a crash between commit and move gives one message: the next poll drops the copy and moves it", async () => {
    const s = await setup(dovecot());
    const raw = rawMail({ messageId: "crash@example.org", to: s.email });
    await s.deliver(raw);
    // Simulates the crash: the message was committed, but neither the cursor nor the move happened.
    expect((await ingestRawEmail(db(), { ...s.scope, source: "imap", raw })).status).toBe("imported");
    const result = await s.poll();
    expect(result).toMatchObject({ ok: true, imported: 0, duplicates: 1 });
    expect(await incomingCount(s.inbox.id)).toBe(1);
    expect((await folderUids(dovecot(), s.email, "Processed")).count).toBe(1);
  });

  it("resyncs without duplicates when the folder's UIDVALIDITY changes", async () => {
    const folder = `Support${Date.now()}`;
    const s = await setup(dovecot(), { folder, afterImport: "leave" });
    const mails = [1, 2, 3].map((n) => rawMail({ messageId: `uv-${n}@example.org`, to: s.email }));
    for (const raw of mails) await s.deliver(raw, folder);
    expect(await s.poll()).toMatchObject({ imported: 3, resynced: true });
    const before = (await folderUids(dovecot(), s.email, folder)).uidValidity;

    // The server renumbers the folder: delete and recreate it with the same mail and one new.
    const client = await dovecot().connect(s.email);
    await client.mailboxDelete(folder);
    await client.logout();
    for (const raw of mails) await s.deliver(raw, folder);
    await s.deliver(rawMail({ messageId: "uv-4@example.org", to: s.email }), folder);
    const after = (await folderUids(dovecot(), s.email, folder)).uidValidity;
    expect(after).not.toBe(before);

    const result = await s.poll();
    expect(result).toMatchObject({ ok: true, resynced: true, imported: 1, duplicates: 3 });
    expect(await incomingCount(s.inbox.id)).toBe(4);
    const [cursor] = await db().select().from(mailboxCursors).where(eq(mailboxCursors.inboxId, s.inbox.id));
    expect(cursor).toMatchObject({ uidValidity: after, lastUid: 4 });
  });

  it("catches up after a long outage: every message, oldest dates included, in bounded polls", async () => {
    const s = await setup(dovecot());
    const total = 60;
    for (let n = 0; n < total; n++) {
      const date = new Date(Date.UTC(2025, 0, 1 + n));
      await s.deliver(rawMail({ messageId: `outage-${n}@example.org`, to: s.email, from: `c${n}@example.org`, date }), "INBOX", ["\\Seen"], date);
    }
    const polls = [];
    for (let i = 0; i < 5; i++) {
      const result = await s.poll({ maxMessages: 25, batchSize: 10 });
      polls.push(result);
      if (!result.more) break;
    }
    expect(polls.map((p) => p.imported)).toEqual([25, 25, 10]);
    expect(polls.every((p) => p.duplicates === 0)).toBe(true);
    expect(await incomingCount(s.inbox.id)).toBe(total);
    const sources = await db().select({ id: rawEmails.dedupeKey }).from(rawEmails).where(eq(rawEmails.inboxId, s.inbox.id));
    expect(new Set(sources.map((r) => r.id)).size).toBe(total);
  });

  it("quarantines a malformed message and still imports the next one", async () => {
    const s = await setup(dovecot());
    await s.deliver(Buffer.from("this is not an email\r\nonly words\r\n"));
    await s.deliver(rawMail({ messageId: "after-bad@example.org", to: s.email }));
    const result = await s.poll();
    expect(result).toMatchObject({ ok: true, quarantined: 1, imported: 1 });
    const [bad] = await db().select().from(rawEmails).where(and(eq(rawEmails.inboxId, s.inbox.id), eq(rawEmails.status, "quarantined")));
    expect(bad.error).toMatch(/could not be parsed/);
    expect(bad.sourceRef).toMatch(/^\d+:1$/);
    expect(await incomingCount(s.inbox.id)).toBe(1);
    expect((await health(s.channel.id)).health).toBe("ok");
  });

  it("a NUL in a body (quoted-printable =00) and an unimportable message never stop the mail behind them", async () => {
    const s = await setup(dovecot());
    const nul = Buffer.from(
      ["From: x <x@e.test>", `To: ${s.email}`, "Subject: nul body", "Message-ID: <nul-1@e.test>", "Content-Type: text/plain", "Content-Transfer-Encoding: quoted-printable", "", "hello=00world", ""].join("\r\n"),
    );
    const noFrom = Buffer.from([`To: ${s.email}`, "Subject: no sender", "Message-ID: <nofrom-1@e.test>", "", "who am I=00", ""].join("\r\n"));
    await s.deliver(nul);
    await s.deliver(noFrom);
    for (let i = 0; i < 6; i++) await s.deliver(rawMail({ messageId: `normal-${i}@example.org`, to: s.email, body: `normal ${i}` }));
    const result = await s.poll({ batchSize: 4 });
    expect(result).toMatchObject({ ok: true, imported: 7, quarantined: 1 });
    const [bad] = await db().select().from(rawEmails).where(and(eq(rawEmails.inboxId, s.inbox.id), eq(rawEmails.status, "quarantined")));
    expect(bad.error).toMatch(/no sender address/);
    expect(await db().select().from(rawEmails).where(and(eq(rawEmails.inboxId, s.inbox.id), eq(rawEmails.status, "pending")))).toEqual([]);
    const [imported] = await db().select().from(messages).where(and(eq(messages.inboxId, s.inbox.id), eq(messages.sourceId, "nul-1@e.test")));
    expect(imported.content).toContain("helloworld");
    const [cursor] = await db().select().from(mailboxCursors).where(eq(mailboxCursors.inboxId, s.inbox.id));
    expect(cursor.lastUid).toBe(8);
    expect((await health(s.channel.id)).health).toBe("ok");
    expect(await s.poll()).toMatchObject({ ok: true, fetched: 0 });
  });

  it("says so in words when the password is refused, and marks the inbox reconnect needed", async () => {
    const s = await setup(dovecot(), { password: "wrong-password" });
    const result = await s.poll();
    expect(result.ok).toBe(false);
    expect(result.error).toBe(`The IMAP server refused the login for ${s.email}: check the password`);
    const h = await health(s.channel.id);
    expect(h).toMatchObject({ health: "reconnect_needed", lastError: result.error });
    // The cron leaves it alone until an administrator acts (a refused password retried can lock the mailbox).
    await db().update(channelEmail).set({ nextPollAt: new Date(Date.now() - 1000) }).where(eq(channelEmail.id, s.channel.id));
    const due = (await claimDueMailboxes(db())).map(({ accountId, inboxId }) => ({ accountId, inboxId }));
    expect(due).not.toContainEqual(s.scope);
  });

  it("says so in words when the server is down, and another inbox still polls", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer();
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
      });
    });
    const down = await setup(dovecot(), { port: closedPort });
    const up = await setup(dovecot());
    await up.deliver(rawMail({ messageId: "still-works@example.org", to: up.email }));

    const failed = await down.poll();
    expect(failed).toMatchObject({ ok: false, error: `Could not connect to 127.0.0.1:${closedPort}` });
    expect(await health(down.channel.id)).toMatchObject({ health: "error", lastError: failed.error });
    expect(await up.poll()).toMatchObject({ ok: true, imported: 1 });
  });

  it("says which folder is missing", async () => {
    const s = await setup(dovecot(), { folder: "Support/Tickets" });
    const result = await s.poll();
    expect(result.ok).toBe(false);
    expect(result.error).toBe('The folder "Support/Tickets" could not be opened on 127.0.0.1 (Mailbox doesn\'t exist: Support/Tickets)');
    expect(await health(s.channel.id)).toMatchObject({ health: "error", lastError: result.error });
  });

  it("marks mail \\Seen when the processed folder cannot be created, and still imports", async () => {
    // Longer than Dovecot accepts for a mailbox name: the server refuses to create it.
    const s = await setup(dovecot(), { processedFolder: `Processed-${"x".repeat(400)}` });
    await s.deliver(rawMail({ messageId: "no-move@example.org", to: s.email }));
    expect(await s.poll()).toMatchObject({ ok: true, imported: 1 });
    const inbox = await folderUids(dovecot(), s.email, "INBOX");
    expect(inbox.count).toBe(1);
    expect(inbox.seen).toEqual(inbox.all);
  });

  it("backfills history since a date from the processed folder in archive mode, after new mail, once", async () => {
    const s = await setup(dovecot());
    const history = [
      { id: "h-2025-03@example.org", date: new Date("2025-03-01T10:00:00Z") },
      { id: "h-2025-06@example.org", date: new Date("2025-06-01T10:00:00Z") },
      { id: "h-2024-01@example.org", date: new Date("2024-01-01T10:00:00Z") },
    ];
    for (const h of history) await s.deliver(rawMail({ messageId: h.id, to: s.email, from: `${h.id.slice(0, 9)}@example.org`, date: h.date }), "Processed", ["\\Seen"], h.date);
    await s.deliver(rawMail({ messageId: "new-today@example.org", to: s.email }));
    await db().update(channelEmail).set({ backfillSince: new Date("2025-01-01T00:00:00Z") }).where(eq(channelEmail.id, s.channel.id));

    const result = await s.poll();
    // The new mail is imported (and moved to Processed, where the backfill sees it again as a duplicate).
    expect(result).toMatchObject({ ok: true, imported: 3, duplicates: 1, more: false });
    const statuses = await db()
      .select({ sourceId: messages.sourceId, status: conversations.status })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(eq(messages.inboxId, s.inbox.id), eq(messages.messageType, "incoming")));
    expect(Object.fromEntries(statuses.map((r) => [r.sourceId, r.status]))).toEqual({
      "new-today@example.org": "open",
      "h-2025-03@example.org": "resolved",
      "h-2025-06@example.org": "resolved",
    });
    expect((await health(s.channel.id)).backfillSince).toBeNull();
    expect(await s.poll()).toMatchObject({ ok: true, fetched: 0 });
    // History stays where it was on the server.
    expect((await folderUids(dovecot(), s.email, "Processed")).count).toBe(4);
  });

  it("the cron claims due inboxes once, and the poll function imports through the same path", async () => {
    const s = await setup(dovecot());
    await s.deliver(rawMail({ messageId: "via-inngest@example.org", to: s.email }));
    await db().update(channelEmail).set({ nextPollAt: new Date(Date.now() - 1000) }).where(eq(channelEmail.id, s.channel.id));
    const mine = async () => (await claimDueMailboxes(db())).filter((d) => d.inboxId === s.inbox.id);
    const [first, ...others] = await mine();
    expect(first).toMatchObject(s.scope);
    expect(Math.abs(Date.parse(first.dueAt) - Date.now())).toBeLessThan(5_000);
    expect(others).toEqual([]);
    // Claimed: no second poll until its interval has passed.
    for (const again of await mine()) expect(Date.parse(again.dueAt) - Date.parse(first.dueAt)).toBeGreaterThanOrEqual(60_000);

    const engine = new InngestTestEngine({ function: pollMailboxFunction });
    const { result, error } = await engine.execute({ events: [{ name: "mailbox/poll.requested", data: s.scope }] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ ok: true, imported: 1 });
    expect(await incomingCount(s.inbox.id)).toBe(1);
  });
});
