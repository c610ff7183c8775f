import { describe, expect, it } from "vitest";
import * as account from "@/app/api/v1/accounts/[account_id]/route";
import * as contactInboxes from "@/app/api/v1/accounts/[account_id]/contacts/[id]/contact_inboxes/route";
import * as conversation from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as togglePriority from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/toggle_priority/route";
import * as conversations from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "./call";

const db = useTestDatabase();

describe("smaller endpoints", () => {
  it("shows the account", async () => {
    const { account: acme, agent } = await f.createWorkspace(db(), { accountName: "Acme" });
    const res = await call(account.GET, { token: agent.apiAccessToken, params: { account_id: acme.id } });
    expect(res.body).toMatchObject({ id: acme.id, name: "Acme", locale: "en" });
  });

  it("sets and clears a conversation's priority", async () => {
    const { account: acme, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), acme.id, inbox.id);
    const params = { account_id: acme.id, conversation_id: conv.displayId };
    const patched = await call(conversation.PATCH, { token: agent.apiAccessToken, params, body: { priority: "urgent" } });
    expect(patched.body.priority).toBe("urgent");
    expect((await call(togglePriority.POST, { token: agent.apiAccessToken, params, body: { priority: "none" } })).status).toBe(200);
    expect((await call(conversation.GET, { token: agent.apiAccessToken, params })).body.priority).toBeNull();
    expect((await call(togglePriority.POST, { token: agent.apiAccessToken, params, body: { priority: "critical" } })).status).toBe(422);
  });

  it("gives a contact an address in an inbox, then a conversation through it", async () => {
    const { account: acme, agent, inbox } = await f.createWorkspace(db());
    const other = await f.createInbox(db(), acme.id);
    const contact = await f.createContact(db(), acme.id);
    const params = { account_id: acme.id, id: contact.id };
    const created = await call(contactInboxes.POST, { token: agent.apiAccessToken, params, body: { inbox_id: inbox.id, source_id: "crm-7" } });
    expect(created.body).toMatchObject({ source_id: "crm-7", inbox: { id: inbox.id, channel_type: "Channel::Api" } });
    const again = await call(contactInboxes.POST, { token: agent.apiAccessToken, params, body: { inbox_id: inbox.id, source_id: "crm-7" } });
    expect(again.status).toBe(422);
    // Not a member of the other inbox: it does not exist for this agent.
    expect((await call(contactInboxes.POST, { token: agent.apiAccessToken, params, body: { inbox_id: other.id } })).status).toBe(404);

    const conv = await call(conversations.POST, { token: agent.apiAccessToken, params: { account_id: acme.id }, body: { inbox_id: inbox.id, source_id: "crm-7" } });
    expect(conv.body.meta.sender.id).toBe(contact.id);
  });
});
