import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as conversationRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as muteRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/mute/route";
import * as unmuteRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/unmute/route";
import { contacts, conversations, messages } from "@/db/schema";
import { buildIntegrationPayload } from "@/lib/integrations/payloads/build";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

const lastActivity = async (id: number) =>
  (await db().select({ content: messages.content }).from(messages).where(and(eq(messages.conversationId, id), eq(messages.messageType, "activity"))).orderBy(desc(messages.id)).limit(1))[0]?.content;

describe("muted: the conversation JSON follows the contact's blocked flag (Chatwoot's mute / unmute)", () => {
  it("POST …/mute resolves and blocks; the API and the webhook payload say muted: true; …/unmute undoes it", async () => {
    const w = await f.createWorkspace(db());
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    const params = { account_id: w.account.id, conversation_id: c.displayId };
    const show = () => call(conversationRoute.GET, { token: w.agent.apiAccessToken, params });
    const webhook = async () => (await buildIntegrationPayload(db(), { accountId: w.account.id, event: "conversation_updated", conversationId: c.id, occurredAt: Date.now() }))!.payload;

    expect((await show()).body.muted).toBe(false);
    expect((await webhook()).muted).toBe(false);

    const muted = await call(muteRoute.POST, { token: w.agent.apiAccessToken, params, body: {} });
    expect(muted.status, JSON.stringify(muted.body)).toBe(200);
    expect((await db().select().from(conversations).where(eq(conversations.id, c.id)))[0].status).toBe("resolved");
    expect((await db().select().from(contacts).where(eq(contacts.id, c.contactId)))[0].blocked).toBe(true);
    expect((await show()).body.muted).toBe(true);
    expect((await webhook()).muted).toBe(true);

    const unmuted = await call(unmuteRoute.POST, { token: w.agent.apiAccessToken, params, body: {} });
    expect(unmuted.status, JSON.stringify(unmuted.body)).toBe(200);
    expect((await db().select().from(contacts).where(eq(contacts.id, c.contactId)))[0].blocked).toBe(false);
    expect((await show()).body.muted).toBe(false);
    expect((await webhook()).muted).toBe(false);
    expect(await lastActivity(c.id)).toBe("Bob Agent has unmuted the conversation");
  });

  it("a contact blocked on the contact page shows every one of their conversations as muted", async () => {
    const w = await f.createWorkspace(db());
    const c = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    await db().update(contacts).set({ blocked: true }).where(eq(contacts.id, c.contactId));
    const r = await call(conversationRoute.GET, { token: w.agent.apiAccessToken, params: { account_id: w.account.id, conversation_id: c.displayId } });
    expect(r.body.muted).toBe(true);
  });

  it("an agent who cannot see the conversation cannot mute it", async () => {
    const w = await f.createWorkspace(db());
    const other = await f.createInbox(db(), w.account.id, { name: "Elsewhere" });
    const c = await f.createConversation(db(), w.account.id, other.id, {});
    const r = await call(muteRoute.POST, { token: w.agent.apiAccessToken, params: { account_id: w.account.id, conversation_id: c.displayId }, body: {} });
    expect(r.status).toBe(404);
    expect((await db().select().from(contacts).where(eq(contacts.id, c.contactId)))[0].blocked).toBe(false);
  });
});
