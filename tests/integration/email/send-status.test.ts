import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationRow } from "@/components/conversations/conversation-row";
import { Thread } from "@/components/conversations/thread";
import { serializeMessage } from "@/lib/api/serializers/message";
import { userActor } from "@/lib/auth/actor";
import { listConversations } from "@/lib/conversations/list-conversations";
import { RetryableSendError, SEND_MAX_ATTEMPTS, SEND_RETRY_DELAYS_MS, sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { setEnvVar } from "@/lib/env";
import { createMessage } from "@/lib/messages/create-message";
import { listMessages } from "@/lib/messages/list-messages";
import { inboxChannel } from "@/lib/realtime/channels";
import type { ConversationPayload, MessagePayload } from "@/lib/realtime/payloads";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { connectAs, useRealtimeServer, type TestClient } from "@/tests/support/realtime";
import { startSmtpServer } from "@/tests/support/smtp-server";
import { createEmailInboxRow, createInboundEmail, deliveryOf } from "./send-helpers";

/** What a reply's send status tells the agent: kept in the outbox, retrying and why, not delivered. */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "send-status-key-send-status-key"));
afterAll(() => {
  clients.forEach((c) => c.disconnect());
  setEnvVar("ENCRYPTION_KEY", "");
});

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

async function replyIn(smtp: { host: string; port: number } | null) {
  const { account, agent } = await f.createWorkspace(db());
  // Inbox addresses are unique on the installation: one per scenario.
  const address = `help-${randomBytes(3).toString("hex")}@example.test`;
  const { inbox } = await createEmailInboxRow(db(), account.id, {
    email: address,
    smtp: smtp ? { ...smtp, login: address, password: "pw" } : undefined,
    memberIds: [agent.id],
  });
  const conversation = await f.createConversation(db(), account.id, inbox.id);
  await createInboundEmail(db(), conversation, { messageId: "q-1@customer.test", subject: "Order", from: "lee@customer.test", to: [address] });
  const reply = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "Shipped today" });
  const render = async () => {
    const { messages } = await listMessages(db(), userActor(agent.id), account.id, conversation.displayId, {});
    return unescape(renderToStaticMarkup(createElement(Thread, { messages, contactName: "Lee" })));
  };
  return { account, agent, inbox, conversation, reply, render };
}

describe("a reply's send status", () => {
  it("in an inbox without SMTP says it was kept in the local outbox, links it, and the API tells the transport", async () => {
    const { account, agent, conversation, reply, render } = await replyIn(null);
    await expect(sendEmailDelivery(db(), reply.id)).resolves.toMatchObject({ status: "sent", transport: "outbox" });
    const { delivery } = await deliveryOf(db(), reply.id);

    const markup = await render();
    expect(markup).toContain("Kept in the local outbox (no outgoing mail server)");
    expect(markup).toContain(`href="/app/accounts/${account.id}/settings/outbox/${delivery.id}"`);
    expect(markup).not.toContain("Sent by email");

    const { messages } = await listMessages(db(), userActor(agent.id), account.id, conversation.displayId, {});
    const json = serializeMessage(messages.find((m) => m.id === reply.id) ?? messages[0]);
    expect(json.status).toBe("sent");
    expect(json.email_delivery).toMatchObject({ status: "sent", transport: "outbox" });
  });

  it("while the mail server is unreachable shows the reason and the next attempt, live; a final failure marks the list row", async () => {
    // A real SMTP server, stopped: its port now refuses connections.
    const smtp = await startSmtpServer();
    await smtp.stop();
    const { account, agent, inbox, conversation, reply, render } = await replyIn({ host: smtp.host, port: smtp.port });
    const watcher = await connectAs(realtime().port, db, agent.id);
    clients.push(watcher);
    await watcher.subscribe(inboxChannel(account.id, inbox.id));

    const before = Date.now();
    const error = await sendEmailDelivery(db(), reply.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    const retryAt = (error as RetryableSendError).retryAt;

    // Recorded on the delivery: the reason in words and when the next attempt runs.
    const { delivery } = await deliveryOf(db(), reply.id);
    expect(delivery.status).toBe("queued");
    expect(delivery.lastError).toMatch(/^Could not reach the mail server\. Could not connect to /);
    expect(delivery.nextAttemptAt?.getTime()).toBe(retryAt.getTime());
    expect(retryAt.getTime()).toBeGreaterThanOrEqual(before + SEND_RETRY_DELAYS_MS[0]);
    expect(retryAt.getTime()).toBeLessThan(Date.now() + SEND_RETRY_DELAYS_MS[0] + 1000);

    // Published at once: the event carries the reason and the time, and is newer than what was shown.
    const updated = await watcher.waitFor((e) => e.name === "message.updated" && (e.data as MessagePayload).message.id === reply.id);
    const payload = updated.data as MessagePayload;
    expect(payload.version).toBeGreaterThan(reply.updatedAt.getTime());
    expect(payload.message.status).toBe("sending");
    expect(payload.message.delivery).toMatchObject({ status: "queued", lastError: delivery.lastError, nextAttemptAt: retryAt.toISOString() });

    const retrying = await render();
    expect(retrying).toContain(`Retrying: ${delivery.lastError}`);
    expect(retrying).toContain(`— next attempt at <time dateTime="${retryAt.toISOString()}"`);

    // Not yet failed: the list row has no marker.
    const listRow = async () => {
      const list = await listConversations(db(), userActor(agent.id), account.id, { status: "open", assigneeType: "all" });
      const row = list.conversations.find((c) => c.id === conversation.id);
      if (!row) throw new Error("conversation not listed");
      return row;
    };
    expect((await listRow()).hasFailedReply).toBe(false);

    for (let attempt = 2; attempt < SEND_MAX_ATTEMPTS; attempt++) await expect(sendEmailDelivery(db(), reply.id)).rejects.toBeInstanceOf(RetryableSendError);
    await expect(sendEmailDelivery(db(), reply.id)).resolves.toMatchObject({ status: "failed" });
    const failed = await render();
    expect(failed).toContain("Email not sent");
    expect(failed).not.toContain("Retrying:");

    const row = await listRow();
    expect(row.hasFailedReply).toBe(true);
    // Screens patch the row from an event (they are not re-rendered): the row's marker goes out
    // too, with a version newer than the conversation's rows shown so far.
    const rowEvent = await watcher.waitFor(
      (e) => e.name === "conversation.updated" && (e.data as ConversationPayload).conversation.hasFailedReply === true,
    );
    expect((rowEvent.data as ConversationPayload).conversation.id).toBe(conversation.id);
    expect((rowEvent.data as ConversationPayload).version).toBeGreaterThan(row.updatedAt.getTime());
    const markup = renderToStaticMarkup(createElement(ConversationRow, { c: row, href: "#", selected: false, showStatus: false, now: new Date() }));
    expect(markup).toContain("Reply not delivered");
  });
});
