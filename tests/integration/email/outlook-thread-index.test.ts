import { and, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { conversations, jobRuns, messages } from "@/db/schema";
import { runnableFunctions } from "@/inngest/runner/functions";
import { createRunner } from "@/inngest/runner/runner";
import { userActor } from "@/lib/auth/actor";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { rawMail } from "@/tests/support/email-inbox";
import { createEmailInboxRow, deliveryOf } from "./send-helpers";

/**
 * Outlook threads by its Thread-Index header, not by References: a reply that does not extend the
 * index of the mail it answers shows up in Outlook outside the customer's thread.
 */
const db = useTestDatabase();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "thread-index-test-key");
});

// 22 bytes: a reserved byte, 5 bytes of FILETIME, a 16-byte GUID (as Outlook sends it).
const OUTLOOK_INDEX = Buffer.concat([Buffer.from([0x01, 0xd9, 0x2f, 0x6a, 0x11, 0x22]), Buffer.alloc(16, 0xab)]).toString("base64");

describe("a reply to a mail from Outlook", () => {
  it("keeps the Thread-Index at import and extends it in the agent's reply", async () => {
    await db().delete(jobRuns);
    const { account, agent } = await f.createWorkspace(db());
    const { inbox } = await createEmailInboxRow(db(), account.id, { email: "desk@example.test", memberIds: [agent.id] });
    const raw = rawMail({
      from: "Olga Outlook <olga@customer.test>",
      to: "desk@example.test",
      subject: "Invoice question",
      messageId: "outlook-1@customer.test",
      headers: ["Thread-Topic: Invoice question", `Thread-Index: ${OUTLOOK_INDEX}`],
    });
    const result = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw });
    expect(result.status).toBe("imported");
    const [incoming] = await db().select().from(messages).where(and(eq(messages.accountId, account.id), eq(messages.id, result.messageId ?? 0)));
    expect((incoming.contentAttributes as { email: { thread_index?: string } }).email.thread_index).toBe(OUTLOOK_INDEX);

    const [conversation] = await db()
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, account.id), eq(conversations.displayId, result.conversationDisplayId ?? 0)));
    const reply = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "The invoice is attached." });
    const runner = createRunner({ db: db(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
    expect(await runner.drain()).toEqual(["completed"]);

    const { delivery } = await deliveryOf(db(), reply.id);
    const sent = await simpleParser(delivery.raw ?? Buffer.alloc(0));
    expect(sent.inReplyTo).toBe("<outlook-1@customer.test>");
    const index = Buffer.from(String(sent.headers.get("thread-index")), "base64");
    // The same thread (its 22-byte header block) plus one 5-byte child block for our reply.
    expect(index).toHaveLength(27);
    expect(index.subarray(0, 22).toString("base64")).toBe(OUTLOOK_INDEX);
  });

  it("keeps no Thread-Index when the mail has none", async () => {
    const { account, agent } = await f.createWorkspace(db());
    const { inbox } = await createEmailInboxRow(db(), account.id, { memberIds: [agent.id] });
    const result = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw: rawMail() });
    const [incoming] = await db().select().from(messages).where(and(eq(messages.accountId, account.id), eq(messages.id, result.messageId ?? 0)));
    expect((incoming.contentAttributes as { email: Record<string, unknown> }).email).not.toHaveProperty("thread_index");
  });
});
