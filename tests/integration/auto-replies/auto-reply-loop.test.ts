import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channelEmail, inboxes, jobRuns, messages } from "@/db/schema";
import { setEnvVar } from "@/lib/env";
import { pollMailbox } from "@/lib/mailbox/imap/poll-mailbox";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { describeDovecot, useDovecot } from "@/tests/support/dovecot";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { useJobRunner } from "@/tests/support/job-runner";
import { startSmtpServer, type TestSmtpServer } from "@/tests/support/smtp-server";

/** Two Postdesk inboxes that both answer mail automatically, mailing each other through a real SMTP peer and Dovecot. */
const db = useTestDatabase();
useJobRunner(db);
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "auto-reply-loop-test-key-auto-reply-loop"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));

const CLOSED_ALL_WEEK = { timeZone: "UTC", days: Array.from({ length: 7 }, () => []), holidays: [] };

async function autoRepliesIn(inboxId: number) {
  return db()
    .select({ id: messages.id })
    .from(messages)
    .where(sql`${messages.inboxId} = ${inboxId} and ${messages.messageType} = 'outgoing' and ${messages.contentAttributes}->>'auto_reply' = 'true'`);
}

describeDovecot("two desks auto-replying to each other", () => {
  const dovecot = useDovecot();
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => smtp?.stop());

  async function mailDesk(email: string, replies: { ack?: string; outOfOffice?: string }) {
    await dovecot().addUser(email, "secret");
    const account = await f.createAccount(db());
    const { inbox, channel } = await createEmailInboxRow(db(), account.id, {
      email,
      imap: { host: dovecot().host, port: dovecot().port, password: "secret", afterImport: "mark_seen" },
    });
    await db()
      .update(channelEmail)
      .set({ smtpEnabled: true, smtpAddress: smtp.host, smtpPort: smtp.port, smtpAuthentication: "none", smtpEnableSslTls: false, smtpEnableStarttlsAuto: false })
      .where(eq(channelEmail.id, channel.id));
    await db()
      .update(inboxes)
      .set({
        greetingEnabled: Boolean(replies.ack),
        greetingMessage: replies.ack ?? null,
        workingHoursEnabled: Boolean(replies.outOfOffice),
        businessHours: replies.outOfOffice ? CLOSED_ALL_WEEK : null,
        outOfOfficeMessage: replies.outOfOffice ?? null,
      })
      .where(eq(inboxes.id, inbox.id));
    return { account, inbox, email };
  }

  /** Polls both desks, lets the jobs send, and carries what the SMTP peer received to the recipients' mailboxes. */
  async function exchange(desks: { account: { id: number }; inbox: { id: number }; email: string }[], rounds: number, relay: (raw: Buffer) => Buffer) {
    let carried = 0;
    for (let round = 0; round < rounds; round++) {
      for (const d of desks) await pollMailbox(db(), { accountId: d.account.id, inboxId: d.inbox.id });
      await expect.poll(async () => (await db().select({ n: sql<number>`count(*)::int` }).from(jobRuns).where(sql`${jobRuns.status} in ('queued', 'running')`))[0].n, { timeout: 20_000 }).toBe(0);
      for (const mail of smtp.messages.slice(carried)) {
        for (const to of mail.envelope.to) await dovecot().appendMessage(to, "INBOX", relay(mail.raw));
      }
      carried = smtp.messages.length;
    }
    return smtp.messages.slice(0);
  }

  it("each answers the other's mail at most once: marked automatic, threaded, and never answered back", async () => {
    const a = await mailDesk("help@desk-a.test", { ack: "Desk A: we got your message." });
    const b = await mailDesk("help@desk-b.test", { outOfOffice: "Desk B is closed." });
    const before = smtp.messages.length;
    // Someone at desk B writes to desk A (as a person would: no automatic headers).
    await dovecot().appendMessage(a.email, "INBOX", rawMail({ from: b.email, to: a.email, subject: "Order 42", messageId: "start@desk-b.test" }));
    const sent = (await exchange([a, b], 4, (raw) => raw)).slice(before);
    // Desk A acknowledged once; desk B saw an automatic reply and stayed quiet.
    expect(sent).toHaveLength(1);
    const text = sent[0].raw.toString("utf8");
    expect(sent[0].envelope.to).toEqual([b.email]);
    expect(text).toMatch(/^Auto-Submitted: auto-replied\r?$/im);
    expect(text).toMatch(/^X-Auto-Response-Suppress: All\r?$/im);
    expect(text).toMatch(/^In-Reply-To: <start@desk-b\.test>\r?$/im);
    expect(text).toMatch(/^References: <start@desk-b\.test>\r?$/im);
    expect(text).toContain("Desk A: we got your message.");
    expect(await autoRepliesIn(b.inbox.id)).toHaveLength(0);
  });

  it("stops even when a gateway strips the automatic headers: once per contact per day", async () => {
    const a = await mailDesk("help@desk-c.test", { outOfOffice: "Desk C is closed." });
    const b = await mailDesk("help@desk-d.test", { outOfOffice: "Desk D is closed." });
    const before = smtp.messages.length;
    await dovecot().appendMessage(a.email, "INBOX", rawMail({ from: b.email, to: a.email, subject: "Hello", messageId: "hello@desk-d.test" }));
    const strip = (raw: Buffer) => Buffer.from(raw.toString("utf8").replace(/^(Auto-Submitted|X-Auto-Response-Suppress):.*\r?\n/gim, ""));
    const sent = (await exchange([a, b], 5, strip)).slice(before);
    // C answers D, D answers C's (stripped) reply, and then each has answered the other today.
    expect(sent.map((m) => m.envelope.to[0])).toEqual([b.email, a.email]);
  });
});
