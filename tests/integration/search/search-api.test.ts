import { describe, expect, it } from "vitest";
import * as search from "@/app/api/v1/accounts/[account_id]/conversations/search/route";
import * as f from "../../factories";
import { call } from "../api/call";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

describe("GET /api/v1/accounts/{id}/conversations/search", () => {
  it("answers in Chatwoot's shape with the matching message, open conversations by default, inbox access respected", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const billing = await f.createInbox(db(), account.id, { name: "Billing" });
    const contact = await f.createContact(db(), account.id, { name: "Carol", email: "carol@customer.test" });
    const open = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id, assigneeId: agent.id });
    await f.createMessage(db(), open, { content: "The invoice for March is missing" });
    await f.createMessage(db(), open, { content: "Thanks, we are on it", messageType: "outgoing", senderType: "user", senderId: agent.id });
    const resolved = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id, status: "resolved" });
    await f.createMessage(db(), resolved, { content: "Old invoice question" });
    const elsewhere = await f.createConversation(db(), account.id, billing.id);
    await f.createMessage(db(), elsewhere, { content: "invoice copy please" });
    const params = { account_id: account.id };

    const res = await call(search.GET, { token: agent.apiAccessToken, params, query: { q: "invoice" } });
    expect(res.status).toBe(200);
    expect(res.body.data.meta).toEqual({ mine_count: 1, unassigned_count: 0, assigned_count: 1, all_count: 1 });
    expect(res.body.data.payload).toHaveLength(1);
    const hit = res.body.data.payload[0];
    expect(hit).toMatchObject({ id: open.displayId, account_id: account.id, inbox_id: inbox.id, status: "open", meta: { sender: { name: "Carol" } } });
    expect(typeof hit.timestamp).toBe("number");
    // The matching message, not the newest one.
    expect(hit.messages).toEqual([expect.objectContaining({ content: "The invoice for March is missing", message_type: 0, conversation_id: open.displayId })]);

    const all = await call(search.GET, { token: admin.apiAccessToken, params, query: { q: "invoice", status: "all", page: 1 } });
    expect(all.body.data.payload.map((c: { id: number }) => c.id).sort()).toEqual([open.displayId, resolved.displayId, elsewhere.displayId].sort());
    expect(all.body.data.meta.all_count).toBe(3);

    const page2 = await call(search.GET, { token: admin.apiAccessToken, params, query: { q: "invoice", status: "all", page: 2 } });
    expect(page2.body.data.payload).toEqual([]);

    expect((await call(search.GET, { token: agent.apiAccessToken, params, query: { q: "" } })).status).toBe(422);
    expect((await call(search.GET, { params, query: { q: "invoice" } })).status).toBe(401);
    const outsider = await f.createAgent(db(), (await f.createAccount(db())).id);
    expect((await call(search.GET, { token: outsider.apiAccessToken, params, query: { q: "invoice" } })).status).toBe(404);
  });
});
