import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, inboxes, jobRuns, messages } from "@/db/schema";
import { sendAutoReply } from "@/lib/auto-replies/send-auto-reply";
import { setEnvVar } from "@/lib/env";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";

const db = useTestDatabase();
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "auto-replies-test-key-auto-replies-test-key"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));

const CLOSED_ALL_WEEK = { timeZone: "UTC", days: Array.from({ length: 7 }, () => []), holidays: [] };

async function desk(options: { ack?: string; outOfOffice?: string; email?: string } = {}) {
  const account = await f.createAccount(db());
  const { inbox, channel } = await createEmailInboxRow(db(), account.id, { email: options.email });
  await db()
    .update(inboxes)
    .set({
      greetingEnabled: Boolean(options.ack),
      greetingMessage: options.ack ?? null,
      workingHoursEnabled: Boolean(options.outOfOffice),
      businessHours: options.outOfOffice ? CLOSED_ALL_WEEK : null,
      outOfOfficeMessage: options.outOfOffice ?? null,
    })
    .where(eq(inboxes.id, inbox.id));
  return { account, inbox, channel };
}

async function arrive(d: Awaited<ReturnType<typeof desk>>, headers: string[] = [], from = "Ada <ada@customer.test>", subject = "Printer on fire") {
  const result = await ingestRawEmail(db(), { accountId: d.account.id, inboxId: d.inbox.id, source: "imap", raw: rawMail({ from, to: d.channel.email, subject, headers }) });
  expect(result.status).toBe("imported");
  return result.messageId!;
}

async function autoRepliesIn(inboxId: number) {
  return db()
    .select({ content: messages.content, attrs: messages.contentAttributes })
    .from(messages)
    .where(and(eq(messages.inboxId, inboxId), eq(messages.messageType, "outgoing"), sql`${messages.contentAttributes}->>'auto_reply' = 'true'`));
}

describe("automatic replies", () => {
  it("acknowledge a new conversation once per contact a day, and leave the waiting clock alone", async () => {
    const d = await desk({ ack: "Thanks, we got your message." });
    const first = await arrive(d);
    // The import asked for it (the job would call this).
    const queued = await db().select({ data: jobRuns.eventData }).from(jobRuns).where(eq(jobRuns.eventName, "mail/auto-reply.requested"));
    expect(queued.map((q) => q.data)).toContainEqual({ accountId: d.account.id, messageId: first });
    expect(await sendAutoReply(db(), d.account.id, first)).toMatchObject({ sent: "acknowledgement" });
    expect(await autoRepliesIn(d.inbox.id)).toEqual([{ content: "Thanks, we got your message.", attrs: { auto_reply: true, auto_reply_kind: "acknowledgement" } }]);
    // Twice (a retried job): still one.
    expect(await sendAutoReply(db(), d.account.id, first)).toEqual({ skipped: "already sent to this contact within 24 hours" });
    const [conversation] = await db().select().from(conversations).where(eq(conversations.inboxId, d.inbox.id));
    expect(conversation.waitingSince).not.toBeNull();
    expect(conversation.firstReplyCreatedAt).toBeNull();

    // A second conversation from Ada the same day: no second acknowledgement.
    const second = await arrive(d, [], "Ada <ada@customer.test>", "Another question");
    expect(await sendAutoReply(db(), d.account.id, second)).toEqual({ skipped: "already sent to this contact within 24 hours" });
    // A reply in the same conversation is not a new one.
    const other = await desk({ ack: "Thanks!" });
    const opened = await arrive(other, [], "Bo <bo@customer.test>");
    await sendAutoReply(db(), other.account.id, opened);
    const [row] = await db().select({ sourceId: messages.sourceId }).from(messages).where(eq(messages.id, opened));
    const followUp = await ingestRawEmail(db(), {
      accountId: other.account.id,
      inboxId: other.inbox.id,
      source: "imap",
      raw: rawMail({ from: "Bo <bo@customer.test>", to: other.channel.email, subject: "Re: Printer on fire", inReplyTo: `<${row.sourceId}>` }),
    });
    expect(await sendAutoReply(db(), other.account.id, followUp.messageId!)).toEqual({ skipped: "no automatic reply applies" });
  });

  it("are not requested for inboxes without them", async () => {
    const d = await desk();
    const id = await arrive(d);
    const queued = await db().select({ data: jobRuns.eventData }).from(jobRuns).where(eq(jobRuns.eventName, "mail/auto-reply.requested"));
    expect(queued.map((q) => q.data)).not.toContainEqual({ accountId: d.account.id, messageId: id });
  });

  it("never answer automatic senders, lists or robots", async () => {
    const d = await desk({ ack: "Thanks!", outOfOffice: "We are closed." });
    const cases: [string[], string][] = [
      [["Auto-Submitted: auto-replied"], "automatic mail"],
      [["Auto-Submitted: auto-generated"], "automatic mail"],
      [["Precedence: bulk"], "automatic mail"],
      [["Precedence: junk"], "automatic mail"],
      [["Precedence: list"], "list mail"],
      [["List-Id: <news.customer.test>"], "list mail"],
      [["X-Autoreply: yes"], "automatic mail"],
      [["Return-Path: <>"], "automatic mail"],
    ];
    for (const [headers, reason] of cases) {
      const id = await arrive(d, headers, `Ada ${reason} <ada-${headers[0].length}-${reason.length}@customer.test>`, headers[0]);
      expect(await sendAutoReply(db(), d.account.id, id), headers[0]).toEqual({ skipped: reason });
    }
    for (const robot of ["noreply@shop.test", "no-reply@shop.test", "do-not-reply@shop.test", "notifications@github.test", "bounces+123@list.test"]) {
      const id = await arrive(d, [], robot, `From ${robot}`);
      expect(await sendAutoReply(db(), d.account.id, id), robot).toEqual({ skipped: "a robot address" });
    }
    // "Auto-Submitted: no" is a person.
    const person = await arrive(d, ["Auto-Submitted: no"], "Cy <cy@customer.test>", "Hello");
    expect(await sendAutoReply(db(), d.account.id, person)).toMatchObject({ sent: "out_of_office" });
  });
});
