import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as move from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/move_to_contact/route";
import * as contactConversations from "@/app/api/v1/accounts/[account_id]/contacts/[id]/conversations/route";
import { conversations, messages } from "@/db/schema";
import { inboxChannel } from "@/lib/realtime/channels";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, useRealtimeServer, type TestClient } from "../../support/realtime";
import { call } from "../api/call";

/** Moving a conversation to another contact through the API (ours: Chatwoot has no path for it). */
const db = useTestDatabase();
const realtime = useRealtimeServer();

describe("POST /conversations/{id}/move_to_contact", () => {
  let client: TestClient | undefined;
  afterAll(() => client?.disconnect());

  it("gives the conversation to the other contact, with an activity line, live for other agents", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const wrong = await f.createContact(db(), account.id, { name: "Wrong Person" });
    const right = await f.createContact(db(), account.id, { name: "Right Person" });
    const conv = await f.createConversation(db(), account.id, inbox.id, { contactId: wrong.id });
    await f.createMessage(db(), conv, { content: "Hi from the shared mailbox" });
    client = await connectAs(realtime().port, db, admin.id);
    await client.subscribe(inboxChannel(account.id, inbox.id));

    const res = await call(move.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: conv.displayId }, body: { contact_id: right.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: conv.displayId, meta: { sender: { id: right.id, name: "Right Person" } } });
    const event = await client.waitFor((e) => e.name === "conversation.updated");
    expect(JSON.stringify(event.data)).toContain("Right Person");

    const listOf = async (contactId: number) =>
      (await call(contactConversations.GET, { token: agent.apiAccessToken, params: { account_id: account.id, id: contactId } })).body.payload.map((c: { id: number }) => c.id);
    expect(await listOf(right.id)).toEqual([conv.displayId]);
    expect(await listOf(wrong.id)).toEqual([]);
    const lines = await db().select().from(messages).where(and(eq(messages.conversationId, conv.id), eq(messages.messageType, "activity")));
    expect(lines.map((m) => m.content)).toEqual(["Bob Agent moved the conversation to Right Person"]);
  });

  it("refuses a contact of another account and a conversation the caller cannot see", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const other = await f.createWorkspace(db());
    const stranger = await f.createContact(db(), other.account.id);
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const p = { account_id: account.id, conversation_id: conv.displayId };
    expect((await call(move.POST, { token: agent.apiAccessToken, params: p, body: { contact_id: stranger.id } })).status).toBe(404);
    const [row] = await db().select().from(conversations).where(eq(conversations.id, conv.id));
    expect(row.contactId).toBe(conv.contactId);
    const hidden = await f.createInbox(db(), account.id);
    const hiddenConv = await f.createConversation(db(), account.id, hidden.id);
    const mine = await f.createContact(db(), account.id);
    expect((await call(move.POST, { token: agent.apiAccessToken, params: { account_id: account.id, conversation_id: hiddenConv.displayId }, body: { contact_id: mine.id } })).status).toBe(404);
  });
});
