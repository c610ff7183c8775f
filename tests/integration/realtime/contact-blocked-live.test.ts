import { afterAll, expect, it } from "vitest";
import { updateAgent } from "@/lib/accounts/agents";
import { userActor } from "@/lib/auth/actor";
import { updateContact } from "@/lib/contacts/write-contact";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { inboxChannel, memberChannel } from "@/lib/realtime/channels";
import { createCustomRole } from "@/lib/roles/custom-roles";
import * as factories from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, settle, useRealtimeServer, type TestClient } from "../../support/realtime";

/**
 * Blocking a contact from the contact page (or by API) mutes all their conversations: agents with
 * one of them open hear `contact.blocked_changed` on the inbox's channel and the header's "Muted"
 * mark follows without a render. Inboxes where the contact has no conversation hear nothing.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const clients: TestClient[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));

it("a block and an unblock go out once per inbox of the contact's conversations, after the commit, versioned by the contact", async () => {
  const w = await factories.createWorkspace(db());
  const admin = userActor(w.admin.id);
  const sales = await createApiInbox(db(), admin, w.account.id, { name: "Sales", memberIds: [w.agent.id] });
  const quiet = await createApiInbox(db(), admin, w.account.id, { name: "Quiet", memberIds: [w.agent.id] });
  const contact = await factories.createContact(db(), w.account.id, { name: "Ada" });
  const other = await factories.createContact(db(), w.account.id, { name: "Bea" });
  await factories.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id });
  await factories.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id });
  await factories.createConversation(db(), w.account.id, sales.id, { contactId: contact.id });
  await factories.createConversation(db(), w.account.id, quiet.id, { contactId: other.id });

  const agent = await connectAs(realtime().port, db, w.agent.id);
  clients.push(agent);
  const channels = [inboxChannel(w.account.id, w.inbox.id), inboxChannel(w.account.id, sales.id), inboxChannel(w.account.id, quiet.id)];
  for (const channel of channels) await agent.subscribe(channel);
  const blockedEvents = () => agent.received.filter((e) => e.name === "contact.blocked_changed");

  const blocked = await updateContact(db(), admin, w.account.id, contact.id, { blocked: true });
  await agent.waitFor((e) => e.name === "contact.blocked_changed" && e.channel === channels[0]);
  await agent.waitFor((e) => e.name === "contact.blocked_changed" && e.channel === channels[1]);
  await settle();
  expect(blockedEvents().map((e) => e.channel).sort()).toEqual([channels[0], channels[1]].sort());
  expect(blockedEvents()[0].data).toEqual({ accountId: w.account.id, contactId: contact.id, blocked: true, version: blocked.updatedAt.getTime() });

  const unblocked = await updateContact(db(), admin, w.account.id, contact.id, { blocked: false });
  const event = await agent.waitFor((e) => e.name === "contact.blocked_changed" && (e.data as { blocked: boolean }).blocked === false);
  expect(event.data).toEqual({ accountId: w.account.id, contactId: contact.id, blocked: false, version: unblocked.updatedAt.getTime() });
  expect(unblocked.updatedAt.getTime()).toBeGreaterThan(blocked.updatedAt.getTime());
  await settle();

  // Nothing for a change that is not a block (a name), and never on the quiet inbox's channel.
  const before = blockedEvents().length;
  await updateContact(db(), admin, w.account.id, contact.id, { name: "Ada Lovelace" });
  await settle();
  expect(blockedEvents()).toHaveLength(before);
  expect(blockedEvents().filter((e) => e.channel === channels[2])).toEqual([]);
});

it("a member whose custom role narrows what they see hears it on their member channel, for a contact of a conversation they may see only", async () => {
  const w = await factories.createWorkspace(db());
  const admin = userActor(w.admin.id);
  const role = await createCustomRole(db(), admin, w.account.id, { name: "Own only", permissions: ["conversation_participating_manage"] });
  const rita = await factories.createAgent(db(), w.account.id, { name: "Rita Role" });
  await factories.addInboxMember(db(), w.account.id, w.inbox.id, rita.id);
  await updateAgent(db(), admin, w.account.id, rita.id, { customRoleId: role.id });
  const hers = await factories.createContact(db(), w.account.id, { name: "Hers" });
  const notHers = await factories.createContact(db(), w.account.id, { name: "Not hers" });
  await factories.createConversation(db(), w.account.id, w.inbox.id, { contactId: hers.id, assigneeId: rita.id });
  await factories.createConversation(db(), w.account.id, w.inbox.id, { contactId: notHers.id, assigneeId: w.agent.id });
  const client = await connectAs(realtime().port, db, rita.id);
  clients.push(client);
  await client.subscribe(memberChannel(w.account.id, rita.id));

  await updateContact(db(), admin, w.account.id, notHers.id, { blocked: true });
  await updateContact(db(), admin, w.account.id, hers.id, { blocked: true });
  const event = await client.waitFor((e) => e.name === "contact.blocked_changed");
  expect(event.data).toMatchObject({ contactId: hers.id, blocked: true });
  await settle();
  expect(client.received.filter((e) => e.name === "contact.blocked_changed").map((e) => (e.data as { contactId: number }).contactId)).toEqual([hers.id]);
});
