import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as contacts from "@/app/api/v1/accounts/[account_id]/contacts/route";
import * as contact from "@/app/api/v1/accounts/[account_id]/contacts/[id]/route";
import * as search from "@/app/api/v1/accounts/[account_id]/contacts/search/route";
import * as show from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as toggle from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/toggle_status/route";
import * as messages from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import { messages as messagesTable } from "@/db/schema";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "./call";

const db = useTestDatabase();
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// Each case is a difference a Chatwoot client noticed (issue 10, item 17), sent the way Chatwoot's clients send it.
describe("Chatwoot API fidelity", () => {
  it("reports snoozed_until as ISO 8601, in toggle_status and in the conversation", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const until = Math.floor(Date.now() / 1000) + 3600;
    const params = { account_id: account.id, conversation_id: conv.displayId };
    const res = await call(toggle.POST, { token: agent.apiAccessToken, params, body: { status: "snoozed", snoozed_until: until } });
    expect(res.status).toBe(200);
    expect(res.body.payload.snoozed_until).toMatch(ISO);
    expect(new Date(res.body.payload.snoozed_until).getTime()).toBe(until * 1000);
    const shown = await call(show.GET, { token: agent.apiAccessToken, params });
    expect(shown.body.snoozed_until).toBe(res.body.payload.snoozed_until);
  });

  it("includes contact_inboxes in contact list, search and show", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const carol = await f.createContact(db(), account.id, { name: "Carol Fidelity" });
    const conv = await f.createConversation(db(), account.id, inbox.id, { contactId: carol.id });
    const a = { account_id: account.id };
    const expected = [expect.objectContaining({ source_id: expect.any(String), inbox: expect.objectContaining({ id: inbox.id, name: "Support" }) })];

    const listed = await call(contacts.GET, { token: agent.apiAccessToken, params: a });
    expect(listed.body.payload.find((c: { id: number }) => c.id === carol.id).contact_inboxes).toEqual(expected);
    const found = await call(search.GET, { token: agent.apiAccessToken, params: a, query: { q: "Fidelity" } });
    expect(found.body.payload[0].contact_inboxes).toEqual(expected);
    const shown = await call(contact.GET, { token: agent.apiAccessToken, params: { ...a, id: carol.id } });
    expect(shown.body.payload.contact_inboxes).toEqual(expected);
    expect(conv.contactId).toBe(carol.id);

    // Chatwoot's include_contact_inboxes=false leaves them out.
    const without = await call(contacts.GET, { token: agent.apiAccessToken, params: a, query: { include_contact_inboxes: "false" } });
    expect(without.status).toBe(200);
    expect(without.body.payload[0]).not.toHaveProperty("contact_inboxes");
  });

  it("merges custom_attributes and additional_attributes on contact update", async () => {
    const { account, agent } = await f.createWorkspace(db());
    const carol = await f.createContact(db(), account.id, {
      customAttributes: { plan: "pro", seats: 3 },
      additionalAttributes: { city: "Lyon", company_name: "Acme" },
    });
    const res = await call(contact.PATCH, {
      token: agent.apiAccessToken,
      params: { account_id: account.id, id: carol.id },
      body: { custom_attributes: { seats: 5 }, additional_attributes: { city: "Paris" } },
    });
    expect(res.status).toBe(200);
    expect(res.body.payload.custom_attributes).toEqual({ plan: "pro", seats: 5 });
    expect(res.body.payload.additional_attributes).toEqual({ city: "Paris", company_name: "Acme" });
  });

  it("never reports a message status Chatwoot does not have", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    await f.createMessage(db(), conv, { messageType: "outgoing", status: "sending", content: "On its way" });
    const res = await call(messages.GET, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conv.displayId } });
    expect(res.status).toBe(200);
    for (const m of res.body.payload) expect(["sent", "delivered", "read", "failed"]).toContain(m.status);
  });

  it("pages with after: the messages right after the id, oldest first, up to 100", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const rows = await db()
      .insert(messagesTable)
      .values(
        Array.from({ length: 130 }, (_, i) => ({
          accountId: account.id,
          inboxId: inbox.id,
          conversationId: conv.id,
          messageType: "incoming" as const,
          content: `m${i}`,
          senderType: "contact" as const,
          senderId: conv.contactId,
        })),
      )
      .returning({ id: messagesTable.id });
    const ids = rows.map((r) => r.id).sort((x, y) => x - y);
    const params = { account_id: account.id, conversation_id: conv.displayId };
    const caughtUp = await call(messages.GET, { token: agent.apiAccessToken, params, query: { after: ids[4] } });
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.payload.map((m: { id: number }) => m.id)).toEqual(ids.slice(5, 105));
    // after and before together: everything between them.
    const between = await call(messages.GET, { token: agent.apiAccessToken, params, query: { after: ids[10], before: ids[60] } });
    expect(between.body.payload.map((m: { id: number }) => m.id)).toEqual(ids.slice(10, 60));
    await db().delete(messagesTable).where(eq(messagesTable.conversationId, conv.id));
  });

  it("rejects filter parameters it does not know with 422 instead of ignoring them", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const a = { account_id: account.id };
    const listed = await call(contacts.GET, { token: agent.apiAccessToken, params: a, query: { city: "Lyon" } });
    expect(listed.status).toBe(422);
    expect(listed.body.message).toMatch(/city/);
    const found = await call(search.GET, { token: agent.apiAccessToken, params: a, query: { q: "x", inbox_id: 1 } });
    expect(found.status).toBe(422);
    const msgs = await call(messages.GET, { token: agent.apiAccessToken, params: { ...a, conversation_id: conv.displayId }, query: { since: 5 } });
    expect(msgs.status).toBe(422);
    expect(msgs.body.message).toMatch(/since/);
  });
});
