import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { jobRuns } from "@/db/schema";
import { runnableFunctions } from "@/inngest/runner/functions";
import { createRunner } from "@/inngest/runner/runner";
import { userActor } from "@/lib/auth/actor";
import { listOutbox, readOutboxMessage } from "@/lib/mailbox/outbox/list-outbox";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, createInboundEmail, deliveryOf } from "./send-helpers";

/** Without an SMTP server, replies are captured in the local outbox so the product still works. */
const db = useTestDatabase();

describe("the local outbox", () => {
  it("captures a reply of an inbox without SMTP, marks it sent, and shows it to administrators", async () => {
    await db().delete(jobRuns);
    const { account, admin, agent } = await f.createWorkspace(db());
    const { inbox } = await createEmailInboxRow(db(), account.id, { email: "desk@example.test", memberIds: [agent.id] });
    const contact = await f.createContact(db(), account.id, { email: "sam@customer.test" });
    const conversation = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
    await createInboundEmail(db(), conversation, { messageId: "q1@customer.test", subject: "Where is my parcel?", from: "sam@customer.test", to: ["desk@example.test"] });
    const reply = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "It left the warehouse today." });
    expect((await deliveryOf(db(), reply.id)).delivery).toMatchObject({ status: "queued", transport: "outbox" });

    const runner = createRunner({ db: db(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
    expect(await runner.drain()).toEqual(["completed"]);
    const { delivery, message } = await deliveryOf(db(), reply.id);
    expect(message.status).toBe("sent");
    expect(delivery).toMatchObject({ status: "sent", transport: "outbox" });
    expect(delivery.providerResponse).toMatch(/local outbox/);
    const parsed = await simpleParser(delivery.raw ?? Buffer.alloc(0));
    expect(parsed.subject).toBe("Re: Where is my parcel?");
    expect(parsed.inReplyTo).toBe("<q1@customer.test>");
    expect(parsed.text?.trim()).toBe("It left the warehouse today.");

    const items = await listOutbox(db(), userActor(admin.id), account.id);
    expect(items).toEqual([
      expect.objectContaining({ id: delivery.id, messageId: reply.id, conversationDisplayId: conversation.displayId, to: ["sam@customer.test"], subject: "Re: Where is my parcel?" }),
    ]);
    const full = await readOutboxMessage(db(), userActor(admin.id), account.id, delivery.id);
    expect(full.raw).toContain("It left the warehouse today.");
    expect(full.raw.replace(/\r\n\s+/g, " ")).toContain(`Message-ID: <${delivery.internetMessageId}>`);

    // Agents do not read every customer's mail; other accounts do not see it at all.
    await expect(listOutbox(db(), userActor(agent.id), account.id)).rejects.toMatchObject({ code: "forbidden" });
    const other = await f.createWorkspace(db());
    expect(await listOutbox(db(), userActor(other.admin.id), other.account.id)).toEqual([]);
    await expect(readOutboxMessage(db(), userActor(other.admin.id), other.account.id, delivery.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("leaves API-channel inboxes alone: their replies are sent at once, with no email", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conversation = await f.createConversation(db(), account.id, inbox.id);
    const reply = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "Hi" });
    const { delivery, message } = await deliveryOf(db(), reply.id);
    expect(delivery).toBeUndefined();
    expect(message).toMatchObject({ status: "sent", sourceId: null });
  });
});
