import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as contact from "@/app/api/v1/accounts/[account_id]/contacts/[id]/route";
import * as notes from "@/app/api/v1/accounts/[account_id]/contacts/[id]/notes/route";
import * as note from "@/app/api/v1/accounts/[account_id]/contacts/[id]/notes/[note_id]/route";
import * as merge from "@/app/api/v1/accounts/[account_id]/actions/contact_merge/route";
import { contactInboxes, contactLabels, contacts, labels, conversationParticipants, conversations, messages, rawEmails } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { moveConversationToContact } from "@/lib/contacts/move-conversation";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { ingestRawEmails } from "@/lib/email/ingest/ingest-batch";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";
import { call } from "../api/call";

const db = useTestDatabase();

describe("contact notes API", () => {
  it("creates, lists, shows, edits and deletes notes in Chatwoot's shape; only the author or an administrator changes one", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const carol = await f.createContact(db(), account.id);
    const p = { account_id: account.id, id: carol.id };
    // Chatwoot's dashboard wraps the body as { note: { content } }.
    const created = await call(notes.POST, { token: agent.apiAccessToken, params: p, body: { note: { content: "Prefers email, VIP" } } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ content: "Prefers email, VIP", contact_id: carol.id, account_id: account.id, user: { id: agent.id, name: "Bob Agent" } });
    expect(typeof created.body.created_at).toBe("number");
    await call(notes.POST, { token: admin.apiAccessToken, params: p, body: { content: "Second" } });

    const listed = await call(notes.GET, { token: agent.apiAccessToken, params: p });
    expect(listed.body.map((n: { content: string }) => n.content)).toEqual(["Second", "Prefers email, VIP"]);
    const shown = await call(note.GET, { token: admin.apiAccessToken, params: { ...p, note_id: created.body.id } });
    expect(shown.body.content).toBe("Prefers email, VIP");

    const adminsNote = listed.body[0].id;
    expect((await call(note.PATCH, { token: agent.apiAccessToken, params: { ...p, note_id: adminsNote }, body: { content: "mine now" } })).status).toBe(403);
    const edited = await call(note.PATCH, { token: agent.apiAccessToken, params: { ...p, note_id: created.body.id }, body: { content: "Prefers phone" } });
    expect(edited.body.content).toBe("Prefers phone");
    expect((await call(note.DELETE, { token: admin.apiAccessToken, params: { ...p, note_id: created.body.id } })).status).toBe(200);
    expect((await call(notes.GET, { token: agent.apiAccessToken, params: p })).body).toHaveLength(1);
    expect((await call(notes.POST, { token: agent.apiAccessToken, params: p, body: { content: "  " } })).status).toBe(422);

    // Another account's contact is not found.
    const other = await f.createWorkspace(db());
    const theirs = await f.createContact(db(), other.account.id);
    expect((await call(notes.GET, { token: agent.apiAccessToken, params: { account_id: account.id, id: theirs.id } })).status).toBe(404);
  });
});

describe("contact merge", () => {
  it("moves conversations, addresses, messages, Cc rows and notes to the base in one go, and keeps what only the mergee had", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const base = await f.createContact(db(), account.id, { name: "Carol", email: null, customAttributes: { plan: "pro" } });
    const mergee = await f.createContact(db(), account.id, {
      name: "C. Smith",
      email: "carol.smith@customer.test",
      phoneNumber: "+33 1 23 45 67 89",
      customAttributes: { plan: "free", seats: 4 },
    });
    const baseConv = await f.createConversation(db(), account.id, inbox.id, { contactId: base.id });
    const mergeeConv = await f.createConversation(db(), account.id, inbox.id, { contactId: mergee.id });
    const sent = await f.createMessage(db(), mergeeConv, { content: "From the mergee" });
    // Both on the Cc of one conversation: one row stays.
    const third = await f.createConversation(db(), account.id, inbox.id);
    await db().insert(conversationParticipants).values([
      { accountId: account.id, conversationId: third.id, contactId: base.id },
      { accountId: account.id, conversationId: third.id, contactId: mergee.id },
    ]);
    await call(notes.POST, { token: agent.apiAccessToken, params: { account_id: account.id, id: mergee.id }, body: { content: "Met at the fair" } });
    const [vip] = await db().insert(labels).values({ accountId: account.id, title: "vip" }).returning();
    await db().insert(contactLabels).values({ accountId: account.id, contactId: mergee.id, labelId: vip.id });

    const res = await call(merge.POST, {
      token: agent.apiAccessToken,
      params: { account_id: account.id },
      body: { base_contact_id: base.id, mergee_contact_id: mergee.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: base.id,
      name: "Carol",
      email: "carol.smith@customer.test",
      phone_number: "+33 1 23 45 67 89",
      custom_attributes: { plan: "pro", seats: 4 },
    });
    expect(await db().select().from(contacts).where(eq(contacts.id, mergee.id))).toEqual([]);
    const owned = await db().select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, base.id));
    expect(owned.map((c) => c.id).sort()).toEqual([baseConv.id, mergeeConv.id].sort());
    const addresses = await db().select().from(contactInboxes).where(eq(contactInboxes.accountId, account.id));
    expect(addresses.filter((a) => a.contactId === mergee.id)).toEqual([]);
    const [message] = await db().select().from(messages).where(eq(messages.id, sent.id));
    expect(message.senderId).toBe(base.id);
    const cc = await db().select().from(conversationParticipants).where(eq(conversationParticipants.conversationId, third.id));
    expect(cc.map((r) => r.contactId)).toEqual([base.id]);
    const baseNotes = await call(notes.GET, { token: agent.apiAccessToken, params: { account_id: account.id, id: base.id } });
    expect(baseNotes.body.map((n: { content: string }) => n.content)).toEqual(["Met at the fair"]);
    const baseLabels = await db().select().from(contactLabels).where(eq(contactLabels.contactId, base.id));
    expect(baseLabels.map((l) => l.labelId)).toEqual([vip.id]);

    const self = await call(merge.POST, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { base_contact_id: base.id, mergee_contact_id: base.id } });
    expect(self.status).toBe(422);
    const other = await f.createWorkspace(db());
    const foreign = await f.createContact(db(), other.account.id);
    const across = await call(merge.POST, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { base_contact_id: base.id, mergee_contact_id: foreign.id } });
    expect(across.status).toBe(404);
    expect(await db().select().from(contacts).where(eq(contacts.id, foreign.id))).toHaveLength(1);
  });
});

describe("blocking a contact", () => {
  it("keeps their mail but opens no conversation, one message or a batch; unblocking lets the next one in", async () => {
    const { account, agent } = await f.createWorkspace(db());
    const { inbox } = await createEmailInboxRow(db(), account.id, { name: "Mail" });
    const scope = { accountId: account.id, inboxId: inbox.id, source: "relay" as const };
    const first = await ingestRawEmail(db(), { ...scope, raw: rawMail({ from: "Spam <spam@customer.test>", subject: "Buy now" }) });
    expect(first.status).toBe("imported");
    const [spammer] = await db().select().from(contacts).where(and(eq(contacts.accountId, account.id), eq(contacts.email, "spam@customer.test")));

    const blocked = await call(contact.PATCH, { token: agent.apiAccessToken, params: { account_id: account.id, id: spammer.id }, body: { blocked: true } });
    expect(blocked.status).toBe(200);
    expect(blocked.body.payload.blocked).toBe(true);

    const again = await ingestRawEmail(db(), { ...scope, raw: rawMail({ from: "Spam <SPAM@customer.test>", subject: "Buy more" }) });
    expect(again.status).toBe("ignored");
    expect(again.reason).toMatch(/blocked/);
    const [batch] = await ingestRawEmails(db(), { ...scope, items: [{ raw: rawMail({ from: "spam@customer.test", subject: "Last chance" }) }] });
    expect(batch.status).toBe("ignored");
    const stored = await db().select({ status: rawEmails.status }).from(rawEmails).where(eq(rawEmails.inboxId, inbox.id));
    expect(stored).toHaveLength(3);
    const opened = await db().select().from(conversations).where(eq(conversations.contactId, spammer.id));
    expect(opened).toHaveLength(1);

    await call(contact.PATCH, { token: agent.apiAccessToken, params: { account_id: account.id, id: spammer.id }, body: { blocked: false } });
    const back = await ingestRawEmail(db(), { ...scope, raw: rawMail({ from: "spam@customer.test", subject: "Sorry" }) });
    expect(back.status).toBe("imported");
  });
});

describe("moving a conversation to another contact", () => {
  it("gives the conversation and an address in its inbox to the other contact, with an activity line", async () => {
    const { account, agent, inbox } = await f.createWorkspace(db());
    const from = await f.createContact(db(), account.id);
    const to = await f.createContact(db(), account.id, { name: "Dave" });
    const conv = await f.createConversation(db(), account.id, inbox.id, { contactId: from.id });
    const summary = await moveConversationToContact(db(), userActor(agent.id), account.id, conv.displayId, { contactId: to.id });
    expect(summary.contact.id).toBe(to.id);
    const [row] = await db().select().from(conversations).where(eq(conversations.id, conv.id));
    const [address] = await db().select().from(contactInboxes).where(eq(contactInboxes.id, row.contactInboxId ?? 0));
    expect(address).toMatchObject({ contactId: to.id, inboxId: inbox.id });
    const activity = await db().select().from(messages).where(and(eq(messages.conversationId, conv.id), eq(messages.messageType, "activity")));
    expect(activity.map((m) => m.content)).toEqual(["Bob Agent moved the conversation to Dave"]);

    // An agent outside the inbox cannot move it.
    const outsider = await f.createAgent(db(), account.id, { role: "agent" });
    await expect(moveConversationToContact(db(), userActor(outsider.id), account.id, conv.displayId, { contactId: from.id })).rejects.toThrow(/not found/);
  });
});
