import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import * as executeRoute from "@/app/api/v1/accounts/[account_id]/macros/[id]/execute/route";
import * as macrosRoute from "@/app/api/v1/accounts/[account_id]/macros/route";
import * as messagesRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/messages/route";
import { channelApi, contactInboxes, contacts, conversations, messages, notifications } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createConversation } from "@/lib/conversations/create-conversation";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";
import { request } from "../client-api/request";

const db = useTestDatabase();

const row = async (id: number) => (await db().select().from(conversations).where(eq(conversations.id, id)))[0];
const lastActivity = async (id: number) =>
  (await db().select({ content: messages.content }).from(messages).where(and(eq(messages.conversationId, id), eq(messages.messageType, "activity"))).orderBy(desc(messages.id)).limit(1))[0]?.content;

describe("mute_conversation (Chatwoot's mute: resolve and block the contact)", () => {
  it("a macro mutes as the agent; the contact's next message is kept but reopens nothing and notifies nobody", async () => {
    const w = await f.createWorkspace(db());
    const params = { account_id: w.account.id };
    const macro = await call(macrosRoute.POST, { token: w.admin.apiAccessToken, params, body: { name: "Mute", visibility: "global", actions: [{ action_name: "mute_conversation", action_params: [] }] } });
    expect(macro.status, JSON.stringify(macro.body)).toBe(200);
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    const r = await call(executeRoute.POST, { token: w.agent.apiAccessToken, params: { ...params, id: macro.body.payload.id }, body: { conversation_ids: [c.displayId] } });
    expect(r.status).toBe(200);
    expect((await row(c.id)).status).toBe("resolved");
    expect(await lastActivity(c.id)).toBe("Bob Agent has muted the conversation");
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, c.contactId));
    expect(contact.blocked).toBe(true);

    // The customer writes again through the API channel: kept, but the conversation stays resolved.
    const [channel] = await db().select().from(channelApi).where(eq(channelApi.id, w.inbox.channelId));
    const [ci] = await db().select().from(contactInboxes).where(eq(contactInboxes.id, c.contactInboxId ?? 0));
    const before = new Date(Date.now() - 1000);
    const sent = await request(messagesRoute.POST, { params: { inbox_identifier: channel.identifier, contact_identifier: ci.sourceId, conversation_id: c.displayId }, body: { content: "are you there?" } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect((await row(c.id)).status).toBe("resolved");
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, w.agent.id), eq(notifications.conversationId, c.id)));
    expect(told.filter((n) => n.createdAt >= before)).toEqual([]);
  });

  it("a rule mutes as the system", async () => {
    const w = await f.createWorkspace(db());
    const created = await call(rulesRoute.POST, {
      token: w.admin.apiAccessToken,
      params: { account_id: w.account.id },
      body: { name: "Mute spam", event_name: "conversation_created", conditions: [], actions: [{ action_name: "mute_conversation", action_params: [] }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const contact = await f.createContact(db(), w.account.id);
    const c = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "buy now", messageType: "incoming" } });
    await processPendingAutomationEvents(db(), w.account.id);
    expect((await row(c.id)).status).toBe("resolved");
    expect(await lastActivity(c.id)).toBe("Conversation was muted");
    expect((await db().select().from(contacts).where(eq(contacts.id, contact.id)))[0].blocked).toBe(true);
  });
});
