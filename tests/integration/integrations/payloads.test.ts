import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { setEnvVar } from "@/lib/env";
import type { IntegrationEventData } from "@/lib/integrations/events";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import { integrationEventEmitted } from "@/lib/jobs/events";
import { setEventDispatcher, type EventDispatcher } from "@/lib/jobs/send";
import { updateContact } from "@/lib/contacts/contacts";
import { buildIntegrationPayload } from "@/lib/integrations/payloads/build";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";

const db = useTestDatabase();

// The fields Chatwoot's webhook payloads carry (its conversation event-data presenter, and the
// message, contact, user, inbox and account webhook data).
const CONVERSATION_KEYS = [
  "additional_attributes", "can_reply", "channel", "contact_inbox", "id", "inbox_id", "messages", "labels", "meta", "status",
  "custom_attributes", "snoozed_until", "unread_count", "first_reply_created_at", "priority", "waiting_since",
  "agent_last_seen_at", "contact_last_seen_at", "last_activity_at", "timestamp", "created_at", "updated_at",
];
const MESSAGE_KEYS = ["account", "additional_attributes", "content_attributes", "content_type", "content", "conversation", "created_at", "id", "inbox", "message_type", "private", "sender", "source_id"];
const CONTACT_KEYS = ["account", "additional_attributes", "avatar", "custom_attributes", "email", "id", "identifier", "name", "phone_number", "thumbnail"];

async function setup() {
  const w = await f.createWorkspace(db(), { accountName: "Acme" });
  const contact = await f.createContact(db(), w.account.id, { name: "Carol", email: "carol@customer.test", identifier: "crm-7" });
  const summary = await createConversation(db(), userActor(w.admin.id), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "Hi Carol", messageType: "outgoing" } });
  return { ...w, contact, summary };
}

describe("integration payloads in Chatwoot's shapes", () => {
  it("conversation_created: the conversation's webhook data with `event` first and Unix times", async () => {
    const s = await setup();
    const built = await buildIntegrationPayload(db(), { accountId: s.account.id, event: "conversation_created", conversationId: s.summary.id, occurredAt: Date.now() });
    const p = built!.payload;
    expect(Object.keys(p)[0]).toBe("event");
    expect(p.event).toBe("conversation_created");
    for (const key of CONVERSATION_KEYS) expect(p).toHaveProperty(key);
    expect(p.id).toBe(s.summary.displayId);
    expect(p.inbox_id).toBe(s.inbox.id);
    expect(p.channel).toBe("Channel::Api");
    expect(p.status).toBe("open");
    expect(typeof p.created_at).toBe("number");
    expect(typeof p.timestamp).toBe("number");
    expect(p.account).toEqual({ id: s.account.id, name: "Acme" });
    const meta = p.meta as { sender: Record<string, unknown>; assignee: unknown };
    expect(meta.sender).toMatchObject({ id: s.contact.id, name: "Carol", email: "carol@customer.test", identifier: "crm-7", type: "contact" });
    expect(meta.assignee).toBeNull();
    const [last] = p.messages as Record<string, unknown>[];
    expect(last).toMatchObject({ content: "Hi Carol", message_type: 1, conversation_id: s.summary.displayId });
    expect((p.contact_inbox as { inbox_id: number }).inbox_id).toBe(s.inbox.id);
    expect(built!.inboxId).toBe(s.inbox.id);
    expect(p).not.toHaveProperty("changed_attributes");
  });

  it("message_created: message_type as a word, the sender, inbox, account and conversation nested", async () => {
    const s = await setup();
    const m = await createMessage(db(), { kind: "system", reason: "test" }, s.account.id, s.summary.displayId, { content: "My order is late", messageType: "incoming" });
    const p = (await buildIntegrationPayload(db(), { accountId: s.account.id, event: "message_created", conversationId: s.summary.id, messageId: m.id, occurredAt: 0 }))!.payload;
    for (const key of MESSAGE_KEYS) expect(p).toHaveProperty(key);
    expect(p).toMatchObject({ event: "message_created", id: m.id, content: "My order is late", message_type: "incoming", content_type: "text", private: false });
    expect(typeof p.created_at).toBe("string");
    expect(p.inbox).toEqual({ id: s.inbox.id, name: "Support" });
    expect(p.account).toEqual({ id: s.account.id, name: "Acme" });
    expect(p.sender).toMatchObject({ id: s.contact.id, name: "Carol", email: "carol@customer.test", type: "contact" });
    expect((p.conversation as { id: number }).id).toBe(s.summary.displayId);

    const reply = await createMessage(db(), userActor(s.admin.id), s.account.id, s.summary.displayId, { content: "On its way" });
    const r = (await buildIntegrationPayload(db(), { accountId: s.account.id, event: "message_created", conversationId: s.summary.id, messageId: reply.id, occurredAt: 0 }))!.payload;
    expect(r.message_type).toBe("outgoing");
    expect(r.sender).toEqual({ id: s.admin.id, name: "Alice Admin", email: s.admin.email, type: "user" });
  });

  it("conversation_updated and conversation_status_changed carry changed_attributes as Chatwoot lists them", async () => {
    const s = await setup();
    const p = (await buildIntegrationPayload(db(), {
      accountId: s.account.id,
      event: "conversation_updated",
      conversationId: s.summary.id,
      changedAttributes: { priority: [null, "high"], snoozed_until: [null, new Date("2026-12-24T09:00:00Z")] },
      occurredAt: 0,
    }))!.payload;
    expect(p.changed_attributes).toEqual([
      { priority: { previous_value: null, current_value: "high" } },
      { snoozed_until: { previous_value: null, current_value: "2026-12-24T09:00:00.000Z" } },
    ]);
  });

  it("contact_created/updated: the contact's webhook data; an unchanged update is no event", async () => {
    const s = await setup();
    const created = (await buildIntegrationPayload(db(), { accountId: s.account.id, event: "contact_created", contactId: s.contact.id, occurredAt: 0 }))!;
    for (const key of CONTACT_KEYS) expect(created.payload).toHaveProperty(key);
    expect(created.payload).toMatchObject({ event: "contact_created", id: s.contact.id, name: "Carol", identifier: "crm-7", account: { id: s.account.id, name: "Acme" } });
    expect(created.inboxId).toBeNull();
    await updateContact(db(), userActor(s.admin.id), s.account.id, s.contact.id, { name: "Carol Jones" });
    const updated = (await buildIntegrationPayload(db(), { accountId: s.account.id, event: "contact_updated", contactId: s.contact.id, changedAttributes: { name: ["Carol", "Carol Jones"] }, occurredAt: 0 }))!;
    expect(updated.payload).toMatchObject({ event: "contact_updated", name: "Carol Jones", changed_attributes: [{ name: { previous_value: "Carol", current_value: "Carol Jones" } }] });
  });

  it("typing events: the agent, the conversation and is_private", async () => {
    const s = await setup();
    const p = (await buildIntegrationPayload(db(), { accountId: s.account.id, event: "conversation_typing_on", conversationId: s.summary.id, userId: s.admin.id, isPrivate: false, occurredAt: 0 }))!.payload;
    expect(p).toMatchObject({ event: "conversation_typing_on", user: { id: s.admin.id, name: "Alice Admin", type: "user" }, is_private: false });
    expect((p.conversation as { id: number }).id).toBe(s.summary.displayId);
  });

  it("status changes carry the state each change left, even when the next commits before the fan-out", async () => {
    const s = await setup();
    setEnvVar("ENCRYPTION_KEY", "payload-snapshot-test-key-0123456789");
    await createWebhook(db(), userActor(s.admin.id), s.account.id, { url: "https://crm.example/hooks", subscriptions: ["conversation_status_changed"] });
    // Hold the queued events back, as a busy queue would, until both changes have committed.
    const queued: IntegrationEventData[] = [];
    const holder = globalThis as unknown as { __postdeskEventDispatcher?: EventDispatcher };
    const original = holder.__postdeskEventDispatcher!;
    setEventDispatcher(async (events) => {
      for (const e of events) if (e.name === integrationEventEmitted.name) queued.push(e.data as IntegrationEventData);
    });
    try {
      await toggleStatus(db(), userActor(s.admin.id), s.account.id, s.summary.displayId, { status: "resolved" });
      await toggleStatus(db(), userActor(s.admin.id), s.account.id, s.summary.displayId, { status: "open" });
    } finally {
      setEventDispatcher(original);
    }
    const changes = queued.filter((e) => e.event === "conversation_status_changed");
    const statuses = [];
    for (const e of changes) statuses.push((await buildIntegrationPayload(db(), e))!.payload.status);
    expect(statuses).toEqual(["resolved", "open"]);
  });

  it("nothing for an activity line or a subject deleted since", async () => {
    const s = await setup();
    expect(await buildIntegrationPayload(db(), { accountId: s.account.id, event: "conversation_updated", conversationId: 999_999, occurredAt: 0 })).toBeNull();
    expect(await buildIntegrationPayload(db(), { accountId: s.account.id, event: "contact_updated", contactId: 999_999, occurredAt: 0 })).toBeNull();
  });
});
