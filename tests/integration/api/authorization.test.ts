import { beforeAll, describe, expect, it } from "vitest";
import * as profile from "@/app/api/v1/profile/route";
import * as account from "@/app/api/v1/accounts/[account_id]/route";
import * as agents from "@/app/api/v1/accounts/[account_id]/agents/route";
import * as agent from "@/app/api/v1/accounts/[account_id]/agents/[id]/route";
import * as inboxes from "@/app/api/v1/accounts/[account_id]/inboxes/route";
import * as inbox from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import * as inboxMembers from "@/app/api/v1/accounts/[account_id]/inbox_members/route";
import * as inboxMembersOf from "@/app/api/v1/accounts/[account_id]/inbox_members/[inbox_id]/route";
import * as contacts from "@/app/api/v1/accounts/[account_id]/contacts/route";
import * as contact from "@/app/api/v1/accounts/[account_id]/contacts/[id]/route";
import * as contactConversations from "@/app/api/v1/accounts/[account_id]/contacts/[id]/conversations/route";
import * as conversations from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as conversation from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/route";
import * as toggle from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/toggle_status/route";
import * as assign from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/assignments/route";
import * as messages from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "./call";

/**
 * The authorization matrix: who may read or change what, through the API.
 * Tenant A has an admin, an agent in the Support inbox, and a conversation in the Sales inbox the
 * agent is not a member of. Tenant B is another account entirely.
 */
const db = useTestDatabase();

type World = Awaited<ReturnType<typeof setup>>;
let w: World;

async function setup() {
  const a = await f.createWorkspace(db(), { accountName: "Tenant A" });
  const sales = await f.createInbox(db(), a.account.id, { name: "Sales", memberIds: [a.admin.id] });
  const own = await f.createConversation(db(), a.account.id, a.inbox.id);
  const foreignInbox = await f.createConversation(db(), a.account.id, sales.id);
  const b = await f.createWorkspace(db(), { accountName: "Tenant B" });
  const bConv = await f.createConversation(db(), b.account.id, b.inbox.id);
  const bContact = await f.createContact(db(), b.account.id);
  return { a, sales, own, foreignInbox, b, bConv, bContact };
}

beforeAll(async () => {
  w = await setup();
});

describe("authentication", () => {
  it("answers 401 with a JSON message without a token or with a wrong one", async () => {
    for (const token of [null, "not-a-token", `${w.a.agent.apiAccessToken}x`]) {
      const res = await call(profile.GET, { token });
      expect(res.status).toBe(401);
      expect(res.body.error).toBe("Invalid Access Token");
      const listed = await call(conversations.GET, { token, params: { account_id: w.a.account.id } });
      expect(listed.status).toBe(401);
    }
    const ok = await call(profile.GET, { token: w.a.agent.apiAccessToken });
    expect(ok.status).toBe(200);
    // Stored hashed: the profile no longer returns the token (a difference from Chatwoot, docs/api.md).
    expect(ok.body).toMatchObject({ id: w.a.agent.id, access_token: null, accounts: [{ id: w.a.account.id, role: "agent" }] });
  });
});

describe("another account's data", () => {
  const reads = () => [
    { name: "account", run: (t: string) => call(account.GET, { token: t, params: { account_id: w.b.account.id } }) },
    { name: "agents", run: (t: string) => call(agents.GET, { token: t, params: { account_id: w.b.account.id } }) },
    { name: "inboxes", run: (t: string) => call(inboxes.GET, { token: t, params: { account_id: w.b.account.id } }) },
    { name: "inbox", run: (t: string) => call(inbox.GET, { token: t, params: { account_id: w.b.account.id, id: w.b.inbox.id } }) },
    { name: "contacts", run: (t: string) => call(contacts.GET, { token: t, params: { account_id: w.b.account.id } }) },
    { name: "contact", run: (t: string) => call(contact.GET, { token: t, params: { account_id: w.b.account.id, id: w.bContact.id } }) },
    { name: "conversations", run: (t: string) => call(conversations.GET, { token: t, params: { account_id: w.b.account.id } }) },
    {
      name: "conversation",
      run: (t: string) => call(conversation.GET, { token: t, params: { account_id: w.b.account.id, conversation_id: w.bConv.displayId } }),
    },
    {
      name: "messages",
      run: (t: string) => call(messages.GET, { token: t, params: { account_id: w.b.account.id, conversation_id: w.bConv.displayId } }),
    },
  ];

  it("is invisible (404) to tenant A's admin and agent, for reads", async () => {
    for (const token of [w.a.admin.apiAccessToken, w.a.agent.apiAccessToken]) {
      for (const r of reads()) {
        const res = await r.run(token);
        expect([r.name, res.status]).toEqual([r.name, 404]);
      }
    }
  });

  it("cannot be changed by tenant A's admin, directly or by naming B's ids inside A", async () => {
    const t = w.a.admin.apiAccessToken;
    const bParams = { account_id: w.b.account.id, conversation_id: w.bConv.displayId };
    expect((await call(toggle.POST, { token: t, params: bParams, body: { status: "resolved" } })).status).toBe(404);
    expect((await call(messages.POST, { token: t, params: bParams, body: { content: "hi" } })).status).toBe(404);
    expect((await call(account.PATCH, { token: t, params: { account_id: w.b.account.id }, body: { name: "Owned" } })).status).toBe(404);
    expect((await call(contact.DELETE, { token: t, params: { account_id: w.a.account.id, id: w.bContact.id } })).status).toBe(404);
    expect((await call(agent.DELETE, { token: t, params: { account_id: w.a.account.id, id: w.b.agent.id } })).status).toBe(404);
    // B's inbox, B's contact and B's agent cannot be pulled into A.
    const a = { account_id: w.a.account.id };
    expect((await call(conversations.POST, { token: t, params: a, body: { inbox_id: w.b.inbox.id, contact_id: w.bContact.id } })).status).toBe(404);
    expect((await call(conversations.POST, { token: t, params: a, body: { inbox_id: w.a.inbox.id, contact_id: w.bContact.id } })).status).toBe(422);
    expect((await call(inboxMembers.POST, { token: t, params: a, body: { inbox_id: w.a.inbox.id, user_ids: [w.b.agent.id] } })).status).toBe(422);
    expect((await call(inboxMembers.POST, { token: t, params: a, body: { inbox_id: w.b.inbox.id, user_ids: [w.a.agent.id] } })).status).toBe(404);

    const still = await call(conversation.GET, { token: w.b.admin.apiAccessToken, params: bParams });
    expect(still.body.status).toBe("open");
    const thread = await call(messages.GET, { token: w.b.admin.apiAccessToken, params: bParams });
    expect(thread.body.payload).toEqual([]);
  });
});

describe("a conversation in an inbox the agent is not a member of", () => {
  const params = () => ({ account_id: w.a.account.id, conversation_id: w.foreignInbox.displayId });

  it("is hidden from the agent (404) for reading and changing", async () => {
    const t = w.a.agent.apiAccessToken;
    expect((await call(conversation.GET, { token: t, params: params() })).status).toBe(404);
    expect((await call(messages.GET, { token: t, params: params() })).status).toBe(404);
    expect((await call(messages.POST, { token: t, params: params(), body: { content: "hi" } })).status).toBe(404);
    expect((await call(toggle.POST, { token: t, params: params(), body: { status: "resolved" } })).status).toBe(404);
    expect((await call(assign.POST, { token: t, params: params(), body: { assignee_id: w.a.agent.id } })).status).toBe(404);
    expect((await call(inbox.GET, { token: t, params: { account_id: w.a.account.id, id: w.sales.id } })).status).toBe(404);
    expect((await call(inboxMembersOf.GET, { token: t, params: { account_id: w.a.account.id, inbox_id: w.sales.id } })).status).toBe(404);

    const listed = await call(conversations.GET, { token: t, params: { account_id: w.a.account.id }, query: { status: "all" } });
    expect(listed.body.data.payload.map((c: { id: number }) => c.id)).toEqual([w.own.displayId]);
    const byInbox = await call(conversations.GET, { token: t, params: { account_id: w.a.account.id }, query: { inbox_id: w.sales.id } });
    expect(byInbox.status).toBe(404);
    const ofContact = await call(contactConversations.GET, { token: t, params: { account_id: w.a.account.id, id: w.foreignInbox.contactId } });
    expect(ofContact.body.payload).toEqual([]);
  });

  it("is visible to and changeable by the administrator", async () => {
    const t = w.a.admin.apiAccessToken;
    expect((await call(conversation.GET, { token: t, params: params() })).body.id).toBe(w.foreignInbox.displayId);
    const resolved = await call(toggle.POST, { token: t, params: params(), body: { status: "resolved" } });
    expect(resolved.body.payload.current_status).toBe("resolved");
    const ofContact = await call(contactConversations.GET, { token: t, params: { account_id: w.a.account.id, id: w.foreignInbox.contactId } });
    expect(ofContact.body.payload.map((c: { id: number }) => c.id)).toEqual([w.foreignInbox.displayId]);
  });
});

describe("administrator-only operations", () => {
  it("are refused to agents with 403 and done for administrators", async () => {
    const a = { account_id: w.a.account.id };
    const agentToken = w.a.agent.apiAccessToken;
    const adminToken = w.a.admin.apiAccessToken;

    expect((await call(account.PATCH, { token: agentToken, params: a, body: { name: "Mine now" } })).status).toBe(403);
    expect((await call(inboxes.POST, { token: agentToken, params: a, body: { name: "X", channel: { type: "api" } } })).status).toBe(403);
    expect((await call(agents.POST, { token: agentToken, params: a, body: { name: "X", email: "x@a.test", role: "administrator" } })).status).toBe(403);
    expect((await call(agent.PATCH, { token: agentToken, params: { ...a, id: w.a.agent.id }, body: { role: "administrator" } })).status).toBe(403);
    expect((await call(inboxMembers.PATCH, { token: agentToken, params: a, body: { inbox_id: w.sales.id, user_ids: [w.a.agent.id] } })).status).toBe(403);
    const someone = await f.createContact(db(), w.a.account.id);
    expect((await call(contact.DELETE, { token: agentToken, params: { ...a, id: someone.id } })).status).toBe(403);

    expect((await call(account.PATCH, { token: adminToken, params: a, body: { name: "Tenant A2" } })).body.name).toBe("Tenant A2");
    expect((await call(contact.DELETE, { token: adminToken, params: { ...a, id: someone.id } })).status).toBe(200);
    expect((await call(contact.GET, { token: adminToken, params: { ...a, id: someone.id } })).status).toBe(404);
  });
});
