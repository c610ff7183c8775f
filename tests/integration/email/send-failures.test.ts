import net from "node:net";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { RetryableSendError, SEND_MAX_ATTEMPTS, sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer } from "@/tests/support/smtp-server";
import { createEmailInboxRow, createInboundEmail, deliveryOf } from "./send-helpers";

/** Logins, unreachable servers, attachments and "reply all", seen from the customer's side. */
const db = useTestDatabase();
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "send-failures-key-send-failures-key"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));

async function scenario(smtp: { host: string; port: number; login: string; password: string }, reply: { content?: string; contentAttributes?: Record<string, unknown> } = {}) {
  const { account, agent } = await f.createWorkspace(db());
  // Inbox addresses are unique on the installation: one per scenario.
  const team = `team-${account.id}@example.test`;
  const { inbox } = await createEmailInboxRow(db(), account.id, { email: team, smtp, memberIds: [agent.id] });
  const contact = await f.createContact(db(), account.id, { email: "lee@customer.test" });
  const conversation = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
  await createInboundEmail(db(), conversation, {
    messageId: "a1@customer.test",
    subject: "Contract",
    from: "lee@customer.test",
    to: [team, "kim@customer.test"],
    cc: ["legal@customer.test", team],
  });
  return createMessage(db(), userActor(agent.id), account.id, conversation.displayId, {
    content: reply.content ?? "See attached.",
    contentAttributes: reply.contentAttributes ?? {},
  });
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("sending email: failures and content", () => {
  it("a wrong SMTP password fails the message with the login refusal, not a retry loop", async () => {
    const smtp = await startSmtpServer({ users: { "team@example.test": "right" } });
    try {
      const message = await scenario({ host: smtp.host, port: smtp.port, login: "team@example.test", password: "wrong" });
      const outcome = await sendEmailDelivery(db(), message.id);
      expect(outcome).toMatchObject({ status: "failed" });
      const { message: row } = await deliveryOf(db(), message.id);
      expect(row.status).toBe("failed");
      expect(row.contentAttributes.external_error).toMatch(/refused the login: 535/);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
  });

  it("a password stored under another encryption key fails at once, asking for the password again", async () => {
    const smtp = await startSmtpServer({ users: { "team@example.test": "pw" } });
    try {
      const message = await scenario({ host: smtp.host, port: smtp.port, login: "team@example.test", password: "pw" });
      setEnvVar("ENCRYPTION_KEY", "a-different-key-a-different-key-a-different");
      const outcome = await sendEmailDelivery(db(), message.id);
      expect(outcome).toMatchObject({ status: "failed" });
      expect((await deliveryOf(db(), message.id)).message.contentAttributes.external_error).toMatch(/SMTP password unreadable.*Enter it again/);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      setEnvVar("ENCRYPTION_KEY", "send-failures-key-send-failures-key");
      await smtp.stop();
    }
  });

  it("an unreachable server is retried, and after the last attempt the message fails saying why", async () => {
    const port = await closedPort();
    const message = await scenario({ host: "127.0.0.1", port, login: "team@example.test", password: "x" });
    for (let attempt = 1; attempt < SEND_MAX_ATTEMPTS; attempt++) {
      await expect(sendEmailDelivery(db(), message.id)).rejects.toBeInstanceOf(RetryableSendError);
      const { delivery, message: row } = await deliveryOf(db(), message.id);
      expect(delivery).toMatchObject({ status: "queued", attempts: attempt });
      expect(delivery.lastError).toMatch(/Could not reach the mail server/);
      expect(row.status).toBe("sending");
    }
    const last = await sendEmailDelivery(db(), message.id);
    expect(last).toMatchObject({ status: "failed" });
    const { message: row } = await deliveryOf(db(), message.id);
    expect(row.status).toBe("failed");
    expect(row.contentAttributes.external_error).toMatch(new RegExp(`Gave up after ${SEND_MAX_ATTEMPTS} attempts. Could not reach the mail server`));
  });

  it("sends the message's attachments, and with reply all keeps the answered To/Cc without our own address, plus the Bcc named", async () => {
    const smtp = await startSmtpServer({ users: { "team@example.test": "pw" } });
    try {
      const message = await scenario({ host: smtp.host, port: smtp.port, login: "team@example.test", password: "pw" }, {
        contentAttributes: { reply_all: true, bcc_emails: "audit@example.test" },
      });
      await db().insert(attachments).values({
        accountId: message.accountId,
        messageId: message.id,
        fileName: "contract.pdf",
        contentType: "application/pdf",
        byteSize: 9,
        data: Buffer.from("%PDF-1.4\n"),
      });
      expect(await sendEmailDelivery(db(), message.id)).toMatchObject({ status: "sent" });
      const received = smtp.messages[0];
      expect(received.envelope.to.sort()).toEqual(["audit@example.test", "kim@customer.test", "lee@customer.test", "legal@customer.test"]);
      // Bcc is on the envelope only: the other recipients never see it.
      expect(received.raw.toString()).not.toContain("audit@example.test");
      const parsed = await simpleParser(received.raw);
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual(["lee@customer.test", "kim@customer.test"]);
      expect(parsed.cc && !Array.isArray(parsed.cc) ? parsed.cc.value.map((a) => a.address) : []).toEqual(["legal@customer.test"]);
      expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([["contract.pdf", "application/pdf", "%PDF-1.4\n"]]);
      expect(parsed.text?.trim()).toBe("See attached.");
    } finally {
      await smtp.stop();
    }
  });
});
