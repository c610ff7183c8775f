import { describe, expect, it } from "vitest";
import * as list from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as meta from "@/app/api/v1/accounts/[account_id]/conversations/meta/route";
import * as show from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as toggle from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/toggle_status/route";
import * as assign from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/assignments/route";
import * as messages from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import * as lastSeen from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/update_last_seen/route";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "./call";

const db = useTestDatabase();

describe("conversations API", () => {
  it("lists conversations in Chatwoot's shape with tab counts", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const contact = await f.createContact(db(), account.id, { name: "Carol", email: "carol@customer.test" });
    const conv = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id, assigneeId: agent.id });
    await f.createMessage(db(), conv, { content: "Where is my order?" });
    await f.createConversation(db(), account.id, inbox.id);

    const res = await call(list.GET, { token: agent.apiAccessToken, params: { account_id: account.id }, query: { status: "open", assignee_type: "me" } });
    expect(res.status).toBe(200);
    expect(res.body.data.meta).toEqual({ mine_count: 1, unassigned_count: 1, assigned_count: 1, all_count: 2 });
    expect(res.body.data.payload).toHaveLength(1);
    const item = res.body.data.payload[0];
    expect(item).toMatchObject({
      id: conv.displayId,
      account_id: account.id,
      inbox_id: inbox.id,
      status: "open",
      unread_count: 1,
      meta: { sender: { name: "Carol", email: "carol@customer.test" }, assignee: { id: agent.id, name: "Bob Agent" }, channel: "Channel::Api" },
    });
    expect(item.messages[0]).toMatchObject({ content: "Where is my order?", message_type: 0 });
    expect(typeof item.last_activity_at).toBe("number");

    const counts = await call(meta.GET, { token: admin.apiAccessToken, params: { account_id: account.id } });
    expect(counts.body.meta).toEqual({ mine_count: 0, unassigned_count: 1, assigned_count: 1, all_count: 2 });

    const bad = await call(list.GET, { token: agent.apiAccessToken, params: { account_id: account.id }, query: { status: "closed" } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/status/);
  });

  it("creates a conversation from a contact, replies, adds a note, resolves and reassigns", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const contact = await f.createContact(db(), account.id);
    const token = agent.apiAccessToken;
    const accountParams = { account_id: account.id };

    const created = await call(list.POST, {
      token,
      params: accountParams,
      body: { inbox_id: inbox.id, contact_id: contact.id, message: { content: "Hi, following up" } },
    });
    expect(created.status).toBe(200);
    const displayId = created.body.id;
    const params = { ...accountParams, conversation_id: displayId };

    const incoming = await call(messages.POST, { token, params, body: { content: "Thanks!", message_type: "incoming" } });
    expect(incoming.body).toMatchObject({ content: "Thanks!", message_type: 0, sender_type: "Contact", conversation_id: displayId });
    const note = await call(messages.POST, { token, params, body: { content: "VIP customer", private: true } });
    expect(note.body).toMatchObject({ message_type: 1, private: true, sender: { id: agent.id, type: "user" } });

    const resolved = await call(toggle.POST, { token, params, body: { status: "resolved" } });
    expect(resolved.body).toEqual({ meta: {}, payload: { success: true, current_status: "resolved", conversation_id: displayId, snoozed_until: null } });
    const until = Math.floor(Date.now() / 1000) + 3600;
    const snoozed = await call(toggle.POST, { token, params, body: { status: "snoozed", snoozed_until: until } });
    expect(snoozed.body.payload).toMatchObject({ current_status: "snoozed", snoozed_until: new Date(until * 1000).toISOString() });

    await f.addInboxMember(db(), account.id, inbox.id, admin.id);
    const assigned = await call(assign.POST, { token, params, body: { assignee_id: admin.id } });
    expect(assigned.body).toMatchObject({ id: admin.id, name: "Alice Admin" });
    const unassigned = await call(assign.POST, { token, params, body: { assignee_id: null } });
    expect(unassigned.status).toBe(200);
    expect(unassigned.body).toBeNull();

    const thread = await call(messages.GET, { token, params });
    expect(thread.body.meta.contact.id).toBe(contact.id);
    expect(thread.body.payload.map((m: { content: string; message_type: number }) => [m.message_type, m.content])).toEqual([
      [1, "Hi, following up"],
      [0, "Thanks!"],
      [1, "VIP customer"],
      [2, "Bob Agent resolved the conversation"],
      [2, "Bob Agent snoozed the conversation"],
      [2, "Bob Agent assigned this conversation to Alice Admin"],
      [2, "Bob Agent unassigned this conversation"],
    ]);

    expect((await call(show.GET, { token, params })).body.unread_count).toBe(1);
    expect((await call(lastSeen.POST, { token, params, body: {} })).status).toBe(200);
    expect((await call(show.GET, { token, params })).body.unread_count).toBe(0);
  });

  it("creates a conversation from an existing source_id", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const existing = await f.createConversation(db(), account.id, inbox.id);
    const [ci] = await db().query.contactInboxes.findMany({ where: (t, { eq }) => eq(t.id, existing.contactInboxId ?? 0) });
    const res = await call(list.POST, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { inbox_id: inbox.id, source_id: ci.sourceId } });
    expect(res.status).toBe(200);
    expect(res.body.meta.sender.id).toBe(existing.contactId);
    const missing = await call(list.POST, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { inbox_id: inbox.id, source_id: "nope" } });
    expect(missing.status).toBe(422);
  });
});
