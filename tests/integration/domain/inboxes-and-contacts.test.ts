import { describe, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createApiInbox, getInbox, listInboxes, updateInbox } from "@/lib/inboxes/inboxes";
import { addInboxMembers, listInboxMembers, removeInboxMembers, setInboxMembers } from "@/lib/inboxes/members";
import { createContact, deleteContact, getContact, listContacts, searchContacts, updateContact } from "@/lib/contacts/contacts";
import { listContactConversations } from "@/lib/contacts/contact-conversations";
import { getConversation } from "@/lib/conversations/get-conversation";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

describe("inboxes", () => {
  it("lets administrators create API inboxes with members; agents see only their inboxes", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    await expect(createApiInbox(db(), userActor(agent.id), account.id, { name: "Nope" })).rejects.toMatchObject({ code: "forbidden" });
    const created = await createApiInbox(db(), userActor(admin.id), account.id, {
      name: "Billing",
      webhookUrl: "https://hooks.example.test/in",
      memberIds: [admin.id],
    });
    expect(created).toMatchObject({ name: "Billing", channelType: "api", api: { webhookUrl: "https://hooks.example.test/in" } });
    expect((await listInboxes(db(), userActor(admin.id), account.id)).map((i) => i.name)).toEqual(["Billing", "Support"]);
    expect((await listInboxes(db(), userActor(agent.id), account.id)).map((i) => i.id)).toEqual([inbox.id]);
    await expect(getInbox(db(), userActor(agent.id), account.id, created.id)).rejects.toMatchObject({ code: "not_found" });

    const renamed = await updateInbox(db(), userActor(admin.id), account.id, created.id, { name: "Billing EU", webhookUrl: "" });
    expect(renamed).toMatchObject({ name: "Billing EU", api: { webhookUrl: null } });
    await expect(updateInbox(db(), userActor(agent.id), account.id, inbox.id, { name: "x" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("manages members, who must belong to the account", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const other = await f.createWorkspace(db());
    await expect(addInboxMembers(db(), userActor(admin.id), account.id, inbox.id, { userIds: [other.agent.id] })).rejects.toMatchObject({ code: "invalid" });
    await expect(addInboxMembers(db(), userActor(agent.id), account.id, inbox.id, { userIds: [agent.id] })).rejects.toMatchObject({ code: "forbidden" });
    let members = await addInboxMembers(db(), userActor(admin.id), account.id, inbox.id, { userIds: [admin.id, agent.id] });
    expect(members.map((m) => m.name)).toEqual(["Alice Admin", "Bob Agent"]);
    members = await removeInboxMembers(db(), userActor(admin.id), account.id, inbox.id, { userIds: [agent.id] });
    expect(members.map((m) => m.id)).toEqual([admin.id]);
    members = await setInboxMembers(db(), userActor(admin.id), account.id, inbox.id, { userIds: [agent.id] });
    expect((await listInboxMembers(db(), userActor(agent.id), account.id, inbox.id)).map((m) => m.id)).toEqual([agent.id]);
    await expect(listInboxMembers(db(), userActor(admin.id), account.id, other.inbox.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("unassigns conversations of people who leave the inbox", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    await f.addInboxMember(db(), account.id, inbox.id, admin.id);
    const bobs = await f.createConversation(db(), account.id, inbox.id, { assigneeId: agent.id });
    const alices = await f.createConversation(db(), account.id, inbox.id, { assigneeId: admin.id });
    const elsewhere = await f.createInbox(db(), account.id, { memberIds: [agent.id] });
    const bobsElsewhere = await f.createConversation(db(), account.id, elsewhere.id, { assigneeId: agent.id });
    const assigneeOf = async (displayId: number) => (await getConversation(db(), userActor(admin.id), account.id, displayId)).assignee?.id ?? null;

    await removeInboxMembers(db(), userActor(admin.id), account.id, inbox.id, { userIds: [agent.id] });
    expect(await assigneeOf(bobs.displayId)).toBeNull();
    expect(await assigneeOf(alices.displayId)).toBe(admin.id);
    expect(await assigneeOf(bobsElsewhere.displayId)).toBe(agent.id);

    await setInboxMembers(db(), userActor(admin.id), account.id, inbox.id, { userIds: [] });
    expect(await assigneeOf(alices.displayId)).toBeNull();
  });
});

describe("contacts", () => {
  it("creates, finds, updates and (as admin) deletes contacts", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const carol = await createContact(db(), userActor(agent.id), account.id, { name: "Carol Jones", email: "Carol@Customer.test", phoneNumber: "+44 20 7946 0000" });
    expect(carol.email).toBe("carol@customer.test");
    await expect(createContact(db(), userActor(agent.id), account.id, { name: "Dup", email: "carol@customer.test" })).rejects.toMatchObject({
      code: "invalid",
      message: "Email has already been taken",
    });
    await createContact(db(), userActor(agent.id), account.id, { name: "Dave 50%_off", identifier: "crm-42" });

    expect((await searchContacts(db(), userActor(agent.id), account.id, { q: "jones" })).contacts.map((c) => c.id)).toEqual([carol.id]);
    expect((await searchContacts(db(), userActor(agent.id), account.id, { q: "7946" })).count).toBe(1);
    expect((await searchContacts(db(), userActor(agent.id), account.id, { q: "crm-4" })).contacts[0].name).toBe("Dave 50%_off");
    // LIKE's wildcards are literal characters in a term (one- or two-character terms match at the start of a field).
    expect((await searchContacts(db(), userActor(agent.id), account.id, { q: "0%_" })).contacts.map((c) => c.name)).toEqual(["Dave 50%_off"]);
    expect((await searchContacts(db(), userActor(agent.id), account.id, { q: "%" })).count).toBe(0);
    expect((await searchContacts(db(), userActor(agent.id), account.id, { q: "Da" })).contacts.map((c) => c.name)).toEqual(["Dave 50%_off"]);

    const list = await listContacts(db(), userActor(agent.id), account.id, { sort: "name" });
    expect(list.contacts.map((c) => c.name)).toEqual(["Carol Jones", "Dave 50%_off"]);
    expect(list.count).toBe(2);

    const updated = await updateContact(db(), userActor(agent.id), account.id, carol.id, { name: "Carol Smith", customAttributes: { plan: "pro" } });
    expect(updated).toMatchObject({ name: "Carol Smith", customAttributes: { plan: "pro" } });

    await expect(deleteContact(db(), userActor(agent.id), account.id, carol.id)).rejects.toMatchObject({ code: "forbidden" });
    await deleteContact(db(), userActor(admin.id), account.id, carol.id);
    await expect(getContact(db(), userActor(admin.id), account.id, carol.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps contacts inside their account", async () => {
    const a = await f.createWorkspace(db());
    const b = await f.createWorkspace(db());
    const theirs = await f.createContact(db(), b.account.id);
    await expect(getContact(db(), userActor(a.admin.id), a.account.id, theirs.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateContact(db(), userActor(a.admin.id), a.account.id, theirs.id, { name: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteContact(db(), userActor(a.admin.id), a.account.id, theirs.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await searchContacts(db(), userActor(a.admin.id), a.account.id, { q: theirs.name })).count).toBe(0);
  });

  it("moves a contact's last activity when they write in", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const quiet = await f.createContact(db(), account.id, { name: "Quiet" });
    const chatty = await f.createContact(db(), account.id, { name: "Chatty" });
    const conv = await f.createConversation(db(), account.id, inbox.id, { contactId: chatty.id });
    await createMessage(db(), userActor(agent.id), account.id, conv.displayId, { content: "hello", messageType: "incoming" });
    const list = await listContacts(db(), userActor(agent.id), account.id);
    expect(list.contacts.map((c) => c.name)).toEqual(["Chatty", "Quiet"]);
    expect(list.contacts[0].lastActivityAt).not.toBeNull();
    expect(quiet.lastActivityAt).toBeNull();
  });

  it("lists a contact's conversations the actor can see", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const other = await f.createInbox(db(), account.id);
    const contact = await f.createContact(db(), account.id);
    const visible = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
    await f.createConversation(db(), account.id, other.id, { contactId: contact.id });
    expect((await listContactConversations(db(), userActor(agent.id), account.id, contact.id)).map((c) => c.id)).toEqual([visible.id]);
    expect(await listContactConversations(db(), userActor(admin.id), account.id, contact.id)).toHaveLength(2);
  });
});
