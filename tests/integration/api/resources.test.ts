import { describe, expect, it } from "vitest";
import * as agents from "@/app/api/v1/accounts/[account_id]/agents/route";
import * as agent from "@/app/api/v1/accounts/[account_id]/agents/[id]/route";
import * as inboxes from "@/app/api/v1/accounts/[account_id]/inboxes/route";
import * as inbox from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import * as inboxMembers from "@/app/api/v1/accounts/[account_id]/inbox_members/route";
import * as inboxMembersOf from "@/app/api/v1/accounts/[account_id]/inbox_members/[inbox_id]/route";
import * as contacts from "@/app/api/v1/accounts/[account_id]/contacts/route";
import * as search from "@/app/api/v1/accounts/[account_id]/contacts/search/route";
import * as contact from "@/app/api/v1/accounts/[account_id]/contacts/[id]/route";
import * as contactConversations from "@/app/api/v1/accounts/[account_id]/contacts/[id]/conversations/route";
import * as conversations from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as profile from "@/app/api/v1/profile/route";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "./call";

const db = useTestDatabase();

describe("agents API", () => {
  it("invites an agent, promotes and removes a member; nobody removes themselves", async () => {
    const { account, admin, agent: bob } = await f.createWorkspace(db());
    const a = { account_id: account.id };
    // Adding someone is an invitation: not a member (no id) and no password until they accept.
    const created = await call(agents.POST, { token: admin.apiAccessToken, params: a, body: { name: "Erin", email: "erin@acme.test", role: "agent" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: null, name: "Erin", email: "erin@acme.test", role: "agent", account_id: account.id, confirmed: false });
    expect(created.body).not.toHaveProperty("password");
    const listed = await call(agents.GET, { token: admin.apiAccessToken, params: a });
    expect(listed.body.map((x: { email: string }) => x.email)).not.toContain("erin@acme.test");

    const updated = await call(agent.PATCH, { token: admin.apiAccessToken, params: { ...a, id: bob.id }, body: { role: "administrator", availability: "busy" } });
    expect(updated.body).toMatchObject({ role: "administrator", availability_status: "busy" });

    const self = await call(agent.DELETE, { token: admin.apiAccessToken, params: { ...a, id: admin.id } });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/yourself/);
    const before = (await call(agents.GET, { token: admin.apiAccessToken, params: a })).body.length;
    const removed = await call(agent.DELETE, { token: admin.apiAccessToken, params: { ...a, id: bob.id } });
    expect(removed.status).toBe(200);
    expect((await call(agents.GET, { token: admin.apiAccessToken, params: a })).body).toHaveLength(before - 1);

    const invalid = await call(agents.POST, { token: admin.apiAccessToken, params: a, body: { name: "No mail", email: "nope", role: "agent" } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toMatch(/email/i);
  });
});

describe("inboxes API", () => {
  it("creates an API inbox, updates it and manages its members", async () => {
    const { account, admin, agent: bob } = await f.createWorkspace(db());
    const a = { account_id: account.id };
    const t = admin.apiAccessToken;
    const created = await call(inboxes.POST, { token: t, params: a, body: { name: "Website", channel: { type: "api", webhook_url: "https://hooks.acme.test/x" } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "Website", channel_type: "Channel::Api", webhook_url: "https://hooks.acme.test/x" });
    expect(created.body.inbox_identifier).toEqual(expect.any(String));
    const id = created.body.id;

    const patched = await call(inbox.PATCH, { token: t, params: { ...a, id }, body: { name: "Website EU", enable_auto_assignment: false } });
    expect(patched.body).toMatchObject({ name: "Website EU", enable_auto_assignment: false });
    expect((await call(inbox.GET, { token: t, params: { ...a, id } })).body.name).toBe("Website EU");

    const added = await call(inboxMembers.POST, { token: t, params: a, body: { inbox_id: id, user_ids: [bob.id] } });
    expect(added.body.payload.map((m: { id: number }) => m.id)).toEqual([bob.id]);
    // Now a member, the agent sees the inbox, without its secrets.
    const seen = await call(inbox.GET, { token: bob.apiAccessToken, params: { ...a, id } });
    expect(seen.status).toBe(200);
    expect(seen.body.inbox_identifier).toBeUndefined();
    expect(seen.body.hmac_token).toBeUndefined();

    const replaced = await call(inboxMembers.PATCH, { token: t, params: a, body: { inbox_id: id, user_ids: [admin.id] } });
    expect(replaced.body.payload.map((m: { id: number }) => m.id)).toEqual([admin.id]);
    await call(inboxMembers.DELETE, { token: t, params: a, body: { inbox_id: id, user_ids: [admin.id] } });
    expect((await call(inboxMembersOf.GET, { token: t, params: { ...a, inbox_id: id } })).body.payload).toEqual([]);

    const listed = await call(inboxes.GET, { token: bob.apiAccessToken, params: a });
    expect(listed.body.payload.map((i: { name: string }) => i.name)).toEqual(["Support"]);
  });
});

describe("contacts API", () => {
  it("creates a contact with an inbox address, finds, updates and lists their conversations", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const a = { account_id: account.id };
    const t = agent.apiAccessToken;
    const created = await call(contacts.POST, {
      token: t,
      params: a,
      body: { inbox_id: inbox.id, name: "Frank Lee", email: "frank@customer.test", phone_number: "+15551234567", custom_attributes: { plan: "pro" } },
    });
    expect(created.status).toBe(200);
    expect(created.body.payload.contact).toMatchObject({ name: "Frank Lee", email: "frank@customer.test", custom_attributes: { plan: "pro" } });
    expect(created.body.payload.contact_inbox).toMatchObject({ inbox: { id: inbox.id }, source_id: expect.any(String) });
    const id = created.body.payload.contact.id;

    const dup = await call(contacts.POST, { token: t, params: a, body: { name: "Other", email: "FRANK@customer.test" } });
    expect(dup.status).toBe(422);
    expect(dup.body.message).toBe("Email has already been taken");

    const found = await call(search.GET, { token: t, params: a, query: { q: "lee" } });
    expect(found.body).toMatchObject({ meta: { count: 1, current_page: 1 }, payload: [{ id }] });
    const blank = await call(search.GET, { token: t, params: a, query: { q: "" } });
    expect(blank.status).toBe(422);

    const updated = await call(contact.PUT, { token: t, params: { ...a, id }, body: { name: "Frank Li" } });
    expect(updated.body.payload).toMatchObject({ id, name: "Frank Li", email: "frank@customer.test" });
    expect((await call(contact.GET, { token: t, params: { ...a, id } })).body.payload.name).toBe("Frank Li");

    const conv = await call(conversations.POST, { token: t, params: a, body: { inbox_id: inbox.id, source_id: created.body.payload.contact_inbox.source_id } });
    expect(conv.status).toBe(200);
    const theirs = await call(contactConversations.GET, { token: t, params: { ...a, id } });
    expect(theirs.body.payload.map((c: { id: number }) => c.id)).toEqual([conv.body.id]);

    const page = await call(contacts.GET, { token: t, params: a, query: { sort: "-name" } });
    expect(page.body.meta.count).toBe(1);
    const badSort = await call(contacts.GET, { token: t, params: a, query: { sort: "password" } });
    expect(badSort.status).toBe(422);
  });
});

describe("route parameters", () => {
  it("answer 404 for malformed ids and 422 for a malformed body", async () => {
    const { account, agent } = await f.createWorkspace(db());
    expect((await call(contact.GET, { token: agent.apiAccessToken, params: { account_id: account.id, id: "abc" } })).status).toBe(404);
    expect((await call(contacts.GET, { token: agent.apiAccessToken, params: { account_id: "1; drop table users" } })).status).toBe(404);
    const res = await call(conversations.POST, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { inbox_id: "x" } });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/inbox_id/);
    expect((await call(profile.GET, { token: agent.apiAccessToken })).body.email).toBe(agent.email);
  });
});
