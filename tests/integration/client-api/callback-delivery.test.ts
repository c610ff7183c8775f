import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as contactsRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/route";
import * as conversationsRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/route";
import * as messagesRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/messages/route";
import * as typingRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/toggle_typing_status/route";
import { channelApi } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { setDeliveryTiming } from "@/lib/integrations/delivery/timing";
import { createApiInbox, getInbox } from "@/lib/inboxes/inboxes";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "../../factories";
import { call } from "../api/call";
import { useTestDatabase } from "../../support/db";
import { useJobRunner } from "../../support/job-runner";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/webhook-receiver";
import { request } from "./request";

/**
 * An API inbox's callback URL gets the inbox's events through the delivery pipeline, signed with
 * the inbox's own secret both ways, to a real HTTP receiver on loopback: the contact's message,
 * the agent's reply, agent typing; never another inbox's events.
 */
const db = useTestDatabase();
useJobRunner(db);
let receiver: WebhookReceiver | undefined;

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "api-inbox-callback-test-key-0123456789");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
  setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
  setEnvVar("CLIENT_API_CONTACT_RATE_LIMIT", "1000");
  setEnvVar("CLIENT_API_INBOX_RATE_LIMIT", "1000");
  setDeliveryTiming({ retryDelaysMs: [100, 200, 400], timeoutMs: 1000 });
});
afterAll(() => {
  setDeliveryTiming();
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "");
  setEnvVar("OUTBOUND_ALLOW_PRIVATE", "");
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("API inbox callback URL", () => {
  it("receives the contact's message and the agent's reply, signed with the inbox's secret", async () => {
    const w = await f.createWorkspace(db());
    receiver = await startWebhookReceiver();
    const inbox = await createApiInbox(db(), userActor(w.admin.id), w.account.id, { name: "Mobile app", webhookUrl: receiver.url, memberIds: [w.agent.id] });
    const other = await createApiInbox(db(), userActor(w.admin.id), w.account.id, { name: "Other app" });
    const shown = await getInbox(db(), userActor(w.admin.id), w.account.id, inbox.id);
    expect(shown.api?.secret).toMatch(/^whsec_/);
    receiver.setSecrets([shown.api?.secret ?? ""]);

    const identifier = shown.api?.identifier ?? "";
    const contact = (await request(contactsRoute.POST, { params: { inbox_identifier: identifier }, body: { name: "Carol" } })).body;
    const p = { inbox_identifier: identifier, contact_identifier: contact.source_id };
    const conversation = (await request(conversationsRoute.POST, { params: p, body: {} })).body;
    await request(messagesRoute.POST, { params: { ...p, conversation_id: conversation.id }, body: { content: "Where is my order?" } });
    await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.id, { content: "It ships today" });
    await call(typingRoute.POST, {
      token: w.agent.apiAccessToken,
      params: { account_id: w.account.id, conversation_id: conversation.id },
      body: { typing_status: "on" },
    });
    // Another inbox's conversation: not this callback's business.
    const elsewhere = await f.createConversation(db(), w.account.id, other.id);
    await createMessage(db(), userActor(w.admin.id), w.account.id, elsewhere.displayId, { content: "other inbox" });

    await receiver.waitFor((r) => r.accepted.some((d) => d.payload.event === "conversation_typing_on"), 15_000);
    await receiver.waitFor((r) => r.accepted.filter((d) => d.payload.event === "message_created").length >= 2, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const events = receiver.accepted.map((d) => d.payload.event);
    expect(events).toContain("conversation_created");
    const messages = receiver.accepted.filter((d) => d.payload.event === "message_created").map((d) => d.payload);
    expect(messages.map((m) => [m.content, m.message_type])).toEqual([
      ["Where is my order?", "incoming"],
      ["It ships today", "outgoing"],
    ]);
    expect(messages[0]).toMatchObject({ inbox: { id: inbox.id }, conversation: { channel: "Channel::Api" } });
    for (const d of receiver.accepted) {
      expect(d.chatwootSignatureValid).toBe(true);
      expect(d.standardSignatureValid).toBe(true);
    }
    expect(JSON.stringify(receiver.accepted.map((d) => d.payload))).not.toContain("other inbox");
  });

  it("an inbox made before secrets existed gets one at its first delivery", async () => {
    const w = await f.createWorkspace(db());
    receiver = await startWebhookReceiver();
    await db().update(channelApi).set({ webhookUrl: receiver.url, secret: null }).where(eq(channelApi.id, w.inbox.channelId));
    const conversation = await f.createConversation(db(), w.account.id, w.inbox.id);
    await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.displayId, { content: "hello" });
    await receiver.waitFor((r) => r.accepted.some((d) => d.payload.event === "message_created"), 15_000);
    const [channel] = await db().select().from(channelApi).where(eq(channelApi.id, w.inbox.channelId));
    expect(channel.secret).not.toBeNull();
    const secret = (await getInbox(db(), userActor(w.admin.id), w.account.id, w.inbox.id)).api?.secret ?? "";
    receiver.setSecrets([secret]);
    await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.displayId, { content: "again" });
    await receiver.waitFor((r) => r.accepted.some((d) => d.payload.content === "again"), 15_000);
    expect(receiver.accepted.find((d) => d.payload.content === "again")?.chatwootSignatureValid).toBe(true);
  });
});
