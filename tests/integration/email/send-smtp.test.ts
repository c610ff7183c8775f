import { InngestTestEngine } from "@inngest/test";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { emailDeliveries, jobRuns } from "@/db/schema";
import { sendEmail } from "@/inngest/functions/mail/send-email";
import { runnableFunctions } from "@/inngest/runner/functions";
import { createRunner } from "@/inngest/runner/runner";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { retryEmailDelivery } from "@/lib/email/send/retry-email-delivery";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer, type SmtpServerOptions, type TestSmtpServer } from "@/tests/support/smtp-server";
import { createEmailInboxRow, createInboundEmail, deliveryOf } from "./send-helpers";

const db = useTestDatabase();
const PASSWORD = "smtp-secret";
let smtp: TestSmtpServer | undefined;

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "send-smtp-test-key-send-smtp-test-key"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));

afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
});

/** An email conversation where the customer wrote in, answered by an agent through createMessage. */
async function replyScenario(serverOptions: Omit<SmtpServerOptions, "users"> = {}, reply: { private?: boolean } = {}) {
  // Each test drains the job queue: start it empty (job_runs is not scoped by account).
  await db().delete(jobRuns);
  const { account, agent } = await f.createWorkspace(db());
  const login = `support-${account.id}@example.test`;
  smtp = await startSmtpServer({ ...serverOptions, users: { [login]: PASSWORD } });
  const { inbox } = await createEmailInboxRow(db(), account.id, {
    email: login,
    smtp: { host: smtp.host, port: smtp.port, login, password: PASSWORD },
    memberIds: [agent.id],
  });
  const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
  const conversation = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
  await createInboundEmail(db(), conversation, {
    messageId: "m2@customer.test",
    references: ["m1@customer.test"],
    subject: "RE: Printer on fire",
    from: "ada@customer.test",
    to: [login],
  });
  const message = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, {
    content: "Hello Ada,\n\nWe are on it.",
    private: reply.private ?? false,
  });
  return { account, agent, inbox, conversation, message, login };
}

describe("sending an agent's reply by SMTP", () => {
  it("queues the reply, then sends it once with the threading headers a mail client needs", async () => {
    const { message, conversation, login } = await replyScenario();
    const queued = await deliveryOf(db(), message.id);
    expect(queued.message.status).toBe("sending");
    expect(queued.delivery).toMatchObject({ status: "queued", transport: "smtp", raw: null });
    const ourId = `conversation/${conversation.uuid}/messages/${message.id}@`;
    expect(queued.delivery.internetMessageId.startsWith(ourId)).toBe(true);
    expect(queued.message.sourceId).toBe(queued.delivery.internetMessageId);
    // The send job was requested after commit.
    const runs = await db().select().from(jobRuns);
    expect(runs.map((r) => [r.eventName, r.eventData])).toEqual([["mail/send.requested", { accountId: expect.any(Number), messageId: message.id }]]);

    const outcome = await sendEmailDelivery(db(), message.id);
    expect(outcome).toMatchObject({ status: "sent", transport: "smtp" });
    expect(smtp?.messages).toHaveLength(1);
    const received = smtp?.messages[0];
    expect(received?.envelope).toEqual({ from: login, to: ["ada@customer.test"] });
    expect(received?.user).toBe(login);

    const parsed = await simpleParser(received?.raw ?? Buffer.alloc(0));
    expect(parsed.messageId).toBe(`<${queued.delivery.internetMessageId}>`);
    expect(parsed.inReplyTo).toBe("<m2@customer.test>");
    expect(parsed.references).toEqual(["<m1@customer.test>", "<m2@customer.test>"]);
    expect(parsed.subject).toBe("Re: Printer on fire");
    expect(parsed.replyTo?.value[0].address).toBe(login);
    expect(parsed.from?.value[0]).toEqual({ name: "Bob Agent from Support", address: login });
    expect(parsed.headers.get("x-postdesk-conversation")).toBe(conversation.uuid);
    expect(parsed.text?.trim()).toBe("Hello Ada,\n\nWe are on it.");
    expect(parsed.html).toContain("<p>Hello Ada,</p>");

    const after = await deliveryOf(db(), message.id);
    expect(after.message.status).toBe("sent");
    expect(after.delivery).toMatchObject({ status: "sent", attempts: 1, providerMessageId: "TEST1" });
    expect(after.delivery.providerResponse).toContain("queued as TEST1");
    // The stored bytes are the bytes the server received.
    expect(after.delivery.raw?.equals(received?.raw ?? Buffer.alloc(0))).toBe(true);

    // Running again (a retried or duplicated job) never sends twice.
    expect(await sendEmailDelivery(db(), message.id)).toEqual({ status: "skipped", reason: "already_sent" });
    expect(smtp?.messages).toHaveLength(1);
  });

  it("two runs of the same send at once deliver one email", async () => {
    const { message } = await replyScenario();
    const outcomes = await Promise.all([sendEmailDelivery(db(), message.id), sendEmailDelivery(db(), message.id)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["sent", "skipped"]);
    expect(smtp?.messages).toHaveLength(1);
  });

  it("a permanent refusal (5xx) marks the message failed with the server's reason", async () => {
    const { message } = await replyScenario({ failWith: { code: 550, message: "5.1.1 Mailbox unavailable" } });
    // The job records the failure and stops at once: no retries of a permanent refusal.
    const runner = createRunner({ db: db(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
    expect(await runner.drain()).toEqual(["failed"]);
    expect(smtp?.attempts()).toBe(1);
    const { delivery, message: row } = await deliveryOf(db(), message.id);
    expect(row.status).toBe("failed");
    expect(row.contentAttributes.external_error).toMatch(/refused the message: 550 5\.1\.1 Mailbox unavailable/);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    expect(smtp?.messages).toHaveLength(0);
    // A failed delivery is not retried by a duplicate run; only the agent's Retry requeues it.
    expect(await sendEmailDelivery(db(), message.id)).toEqual({ status: "skipped", reason: "failed" });
  });

  it("the agent's Retry on a failed email sends it again, with the same Message-ID", async () => {
    const { message, account, agent } = await replyScenario({ failWith: { code: 554, message: "5.7.1 Rejected for policy reasons", times: 1 } });
    expect(await sendEmailDelivery(db(), message.id)).toMatchObject({ status: "failed" });
    const before = await deliveryOf(db(), message.id);

    // An agent who is not in the inbox cannot see the message, so cannot retry it.
    const outsider = await f.createAgent(db(), account.id);
    await expect(retryEmailDelivery(db(), userActor(outsider.id), account.id, message.id)).rejects.toMatchObject({ code: "not_found" });

    await db().delete(jobRuns);
    expect(await retryEmailDelivery(db(), userActor(agent.id), account.id, message.id)).toEqual({ status: "sending" });
    const queued = await deliveryOf(db(), message.id);
    expect(queued.message.status).toBe("sending");
    expect(queued.message.contentAttributes.external_error).toBeUndefined();
    expect(queued.delivery).toMatchObject({ status: "queued", attempts: 0, lastError: null });

    const runner = createRunner({ db: db(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
    expect(await runner.drain()).toEqual(["completed"]);
    expect(smtp?.messages).toHaveLength(1);
    const parsed = await simpleParser(smtp?.messages[0].raw ?? Buffer.alloc(0));
    expect(parsed.messageId).toBe(`<${before.delivery.internetMessageId}>`);
    expect((await deliveryOf(db(), message.id)).message.status).toBe("sent");

    // A sent message cannot be "retried" into a second email.
    await expect(retryEmailDelivery(db(), userActor(agent.id), account.id, message.id)).rejects.toMatchObject({ code: "invalid" });
  });

  it("a temporary refusal (4xx) is retried by the job and then sent, once", async () => {
    const { message } = await replyScenario({ failWith: { code: 451, message: "4.3.0 Try again later", times: 1 } });
    const runner = createRunner({ db: db(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
    expect(await runner.drain()).toEqual(["retrying"]);
    // The job waits until the time the delivery shows the agent ("next attempt at …"), not its own backoff.
    const waiting = await deliveryOf(db(), message.id);
    expect(waiting.delivery).toMatchObject({ status: "queued", lastError: "The mail server asked to try again later: 451 4.3.0 Try again later" });
    const [job] = await db().select({ runAt: jobRuns.runAt }).from(jobRuns).where(eq(jobRuns.functionId, "send-email"));
    expect(Math.abs(job.runAt.getTime() - (waiting.delivery.nextAttemptAt?.getTime() ?? 0))).toBeLessThan(1000);
    await db().update(jobRuns).set({ runAt: sql`now()` }).where(eq(jobRuns.functionId, "send-email"));
    expect(await runner.drain()).toEqual(["completed"]);
    expect(smtp?.attempts()).toBe(2);
    expect(smtp?.messages).toHaveLength(1);
    const { delivery, message: row } = await deliveryOf(db(), message.id);
    expect(row.status).toBe("sent");
    expect(row.contentAttributes.external_error).toBeUndefined();
    expect(delivery).toMatchObject({ status: "sent", attempts: 2, lastError: null, nextAttemptAt: null });
  });

  it("the Inngest function run twice for one message sends one email", async () => {
    const { message, account } = await replyScenario();
    const events = [{ name: "mail/send.requested", data: { accountId: account.id, messageId: message.id } }] as [
      { name: "mail/send.requested"; data: { accountId: number; messageId: number } },
    ];
    const first = await new InngestTestEngine({ function: sendEmail, events }).execute();
    expect(first.result).toMatchObject({ status: "sent" });
    const second = await new InngestTestEngine({ function: sendEmail, events }).execute();
    expect(second.result).toEqual({ status: "skipped", reason: "already_sent" });
    expect(smtp?.messages).toHaveLength(1);
  });

  it("a reply whose send request was lost is picked up by the sweep and sent once", async () => {
    const { message } = await replyScenario();
    // The event after commit never arrived, and the row has waited a while.
    await db().delete(jobRuns);
    await db().update(emailDeliveries).set({ updatedAt: sql`now() - interval '20 minutes'` }).where(eq(emailDeliveries.messageId, message.id));
    const mailFunctions = runnableFunctions().filter((fn) => ["send-email", "sweep-stalled-email-sends"].includes(fn.id));
    const runner = createRunner({ db: db(), functions: mailFunctions, crons: false, backoffMs: () => 0 });
    const minute = new Date();
    minute.setUTCMinutes(minute.getUTCMinutes() - (minute.getUTCMinutes() % 5), 0, 0); // the sweep runs every 5 minutes
    expect(await runner.fireCrons(minute)).toBeGreaterThan(0);
    await runner.drain();
    await runner.drain();
    expect(smtp?.messages).toHaveLength(1);
    expect((await deliveryOf(db(), message.id)).message.status).toBe("sent");
    const sweeps = await db().select().from(jobRuns).where(eq(jobRuns.functionId, "sweep-stalled-email-sends"));
    expect(sweeps.map((r) => r.output)).toEqual([{ requested: 1 }]);
  });

  it("a private note never leaves", async () => {
    const { message } = await replyScenario({}, { private: true });
    const { delivery, message: row } = await deliveryOf(db(), message.id);
    expect(delivery).toBeUndefined();
    expect(row.status).toBe("sent");
    expect(await db().select().from(jobRuns)).toHaveLength(0);
    expect(smtp?.messages).toHaveLength(0);
  });
});

describe("an agent-started email conversation", () => {
  it("sends the first message to the contact with the conversation's subject, and no threading headers", async () => {
    await db().delete(jobRuns);
    const { account, admin } = await f.createWorkspace(db());
    const login = `desk-${account.id}@example.test`;
    smtp = await startSmtpServer({ users: { [login]: PASSWORD } });
    const { inbox } = await createEmailInboxRow(db(), account.id, { email: login, smtp: { host: smtp.host, port: smtp.port, login, password: PASSWORD } });
    const contact = await f.createContact(db(), account.id, { email: "new@customer.test" });
    await createConversation(db(), userActor(admin.id), account.id, {
      inboxId: inbox.id,
      contactId: contact.id,
      additionalAttributes: { mail_subject: "Your renewal" },
      message: { content: "Hello! Your plan renews next week." },
    });
    const runner = createRunner({ db: db(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
    expect(await runner.drain()).toContain("completed");
    expect(smtp.messages).toHaveLength(1);
    const parsed = await simpleParser(smtp.messages[0].raw);
    expect(parsed.subject).toBe("Re: Your renewal");
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : null).toBe("new@customer.test");
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.headers.get("x-postdesk-conversation")).toBeTruthy();
  });
});
