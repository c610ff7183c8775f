import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as inboxRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/route";
import * as contactsRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/route";
import * as contactRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/route";
import * as conversationsRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/route";
import * as conversationRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/route";
import * as toggleStatusRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/toggle_status/route";
import * as lastSeenRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/update_last_seen/route";
import * as messagesRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/messages/route";
import * as messageRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/messages/[message_id]/route";
import * as attachmentRoute from "@/app/public/api/v1/inboxes/[inbox_identifier]/contacts/[contact_identifier]/conversations/[conversation_id]/messages/[message_id]/attachments/[attachment_id]/route";
import { channelApi, contacts as contactsTable, conversations, inboxes, messages, notifications as notificationsTable } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { setEnvVar } from "@/lib/env";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { request } from "./request";

/**
 * The Client API end to end through its route handlers, with Chatwoot's request shapes: a contact
 * is created, opens a conversation, writes, reads the agent's reply; identity verification,
 * limits, and what a contact can never reach.
 */
const db = useTestDatabase();

async function apiInbox(accountId: number, options: { hmacMandatory?: boolean } = {}) {
  const inbox = await f.createInbox(db(), accountId);
  if (options.hmacMandatory) await db().update(channelApi).set({ hmacMandatory: true }).where(eq(channelApi.id, inbox.channelId));
  const [channel] = await db().select().from(channelApi).where(eq(channelApi.id, inbox.channelId));
  return { inbox, identifier: channel.identifier, hmacToken: channel.hmacToken };
}

const hash = (token: string, identifier: string) => createHmac("sha256", token).update(identifier).digest("hex");

let w: Awaited<ReturnType<typeof f.createWorkspace>>;
let api: Awaited<ReturnType<typeof apiInbox>>;
beforeAll(async () => {
  setEnvVar("CLIENT_API_CONTACT_RATE_LIMIT", "1000");
  setEnvVar("CLIENT_API_INBOX_RATE_LIMIT", "1000");
  w = await f.createWorkspace(db());
  api = await apiInbox(w.account.id);
  await f.addInboxMember(db(), w.account.id, api.inbox.id, w.agent.id);
});

async function newContact(identifier = api.identifier, body: Record<string, unknown> = { name: "Carol", email: `carol-${Math.random()}@customer.test` }) {
  const res = await request(contactsRoute.POST, { params: { inbox_identifier: identifier }, body });
  expect(res.status).toBe(200);
  return res.body as { id: number; source_id: string; pubsub_token: string; name: string };
}

describe("Client API", () => {
  it("contact → conversation → message → the agent's reply, in Chatwoot's shapes", async () => {
    const shown = await request(inboxRoute.GET, { params: { inbox_identifier: api.identifier } });
    expect(shown.body).toMatchObject({ identifier: api.identifier, name: api.inbox.name, identity_validation_enabled: false });

    const contact = await newContact();
    expect(contact).toMatchObject({ name: "Carol", source_id: expect.any(String), pubsub_token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    const p = { inbox_identifier: api.identifier, contact_identifier: contact.source_id };
    expect((await request(contactRoute.GET, { params: p })).body).toMatchObject({ id: contact.id, source_id: contact.source_id, pubsub_token: contact.pubsub_token });

    const conversation = await request(conversationsRoute.POST, { params: p, body: { custom_attributes: { plan: "pro" } } });
    expect(conversation.status).toBe(200);
    expect(conversation.body).toMatchObject({ id: expect.any(Number), inbox_id: api.inbox.id, status: "open", messages: [], contact: { id: contact.id } });
    const cp = { ...p, conversation_id: conversation.body.id };

    const sent = await request(messagesRoute.POST, { params: cp, body: { content: "My order is late", echo_id: "e-1" } });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ content: "My order is late", message_type: 0, conversation_id: conversation.body.id, echo_id: "e-1", sender: { id: contact.id, type: "contact" } });

    // The agent answers in the app (the domain function behind the composer and the API), adds a private note.
    await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.body.id, { content: "On its way!" });
    await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.body.id, { content: "secret: customer is VIP", private: true });

    const list = await request(messagesRoute.GET, { params: cp });
    expect(list.body.map((m: { content: string }) => m.content)).toEqual(["My order is late", "On its way!"]);
    expect(list.body[1]).toMatchObject({ message_type: 1, sender: { type: "user", name: "Bob Agent" } });
    const again = await request(conversationRoute.GET, { params: cp });
    expect(JSON.stringify(again.body)).not.toContain("secret");
    const all = await request(conversationsRoute.GET, { params: p });
    expect(all.body).toHaveLength(1);
    expect(JSON.stringify(all.body)).not.toContain("secret");

    // The agent sees an incoming message from the contact in an API inbox.
    const [row] = await db().select().from(messages).where(eq(messages.id, sent.body.id));
    expect(row).toMatchObject({ messageType: "incoming", senderType: "contact", senderId: contact.id, inboxId: api.inbox.id, private: false });

    expect((await request(lastSeenRoute.POST, { params: cp, body: {} })).status).toBe(200);
    const resolved = await request(toggleStatusRoute.POST, { params: cp, body: {} });
    expect(resolved.body.status).toBe("resolved");
    const after = await conversationRow(conversation.body.id);
    expect(after.status).toBe("resolved");
    expect(after.contactLastSeenAt).not.toBeNull();

    // Writing again reopens it, as Chatwoot's Client API does even when the inbox does not "allow
    // messages after resolved": that setting is for the client's UI (Chatwoot's widget offers a new
    // conversation instead of the reply box); a client that posts anyway gets its message kept.
    await db().update(inboxes).set({ allowMessagesAfterResolved: false }).where(eq(inboxes.id, api.inbox.id));
    const late = await request(messagesRoute.POST, { params: cp, body: { content: "hello?" } });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ content: "hello?", message_type: 0 });
    expect((await request(conversationRoute.GET, { params: cp })).body.status).toBe("open");
    const [kept] = await db().select().from(messages).where(eq(messages.id, late.body.id));
    expect(kept.conversationId).toBe(after.id);
  });

  it("update_last_seen marks the agents' replies read up to now (not notes, not the contact's own messages)", async () => {
    const contact = await newContact();
    const p = { inbox_identifier: api.identifier, contact_identifier: contact.source_id };
    const conversation = (await request(conversationsRoute.POST, { params: p, body: {} })).body;
    const cp = { ...p, conversation_id: conversation.id };
    const mine = (await request(messagesRoute.POST, { params: cp, body: { content: "Hello" } })).body;
    const reply = await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.id, { content: "Hi, how can I help?" });
    const note = await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.id, { content: "VIP", private: true });
    const statusOf = async (id: number) => (await db().select({ status: messages.status }).from(messages).where(eq(messages.id, id)))[0]?.status;
    expect(await statusOf(reply.id)).toBe("sent");

    expect((await request(lastSeenRoute.POST, { params: cp, body: {} })).status).toBe(200);
    expect(await statusOf(reply.id)).toBe("read");
    expect(await statusOf(note.id)).toBe("sent");
    expect(await statusOf(mine.id)).toBe("sent");
    // A reply after the contact looked is not read yet.
    const later = await createMessage(db(), userActor(w.agent.id), w.account.id, conversation.id, { content: "Still there?" });
    expect(await statusOf(later.id)).toBe("sent");
  });

  it("takes multipart messages with attachments, served back through data_url, and form answers", async () => {
    const contact = await newContact();
    const p = { inbox_identifier: api.identifier, contact_identifier: contact.source_id };
    const conversation = await request(conversationsRoute.POST, { params: p, body: {} });
    const cp = { ...p, conversation_id: conversation.body.id };
    const form = new FormData();
    form.append("content", "see the photo");
    form.append("attachments[]", new File([Buffer.from("GIF89a-bytes")], "photo.gif", { type: "image/gif" }));
    form.append("attachments[]", new File([Buffer.from("%PDF-1.4")], "invoice.pdf", { type: "application/pdf" }));
    const sent = await request(messagesRoute.POST, { params: cp, body: form });
    expect(sent.status).toBe(200);
    expect(sent.body.attachments).toHaveLength(2);
    expect(sent.body.attachments[0]).toMatchObject({ file_type: "image", extension: "gif", file_size: 12 });

    const url = new URL(sent.body.attachments[0].data_url, "http://localhost:3000");
    const parts = url.pathname.split("/");
    const file = await attachmentRoute.GET(new Request(url), {
      params: Promise.resolve({ ...p, conversation_id: String(cp.conversation_id), message_id: parts[parts.length - 3], attachment_id: parts[parts.length - 1] }),
    });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe("GIF89a-bytes");

    // A file-only message is fine.
    const only = new FormData();
    only.append("attachments[]", new File([Buffer.from("x")], "a.txt", { type: "text/plain" }));
    expect((await request(messagesRoute.POST, { params: cp, body: only })).status).toBe(200);

    // An agent's form; the contact submits its values.
    const [agentForm] = await db()
      .insert(messages)
      .values({ accountId: w.account.id, inboxId: api.inbox.id, conversationId: (await conversationRow(cp.conversation_id)).id, messageType: "template", contentType: "input_email", content: "Your email?", senderType: "user", senderId: w.agent.id })
      .returning();
    const answered = await request(messageRoute.PATCH, {
      method: "PATCH",
      params: { ...cp, message_id: agentForm.id },
      body: { submitted_values: [{ name: "email", value: "carol@customer.test" }] },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.content_attributes).toEqual({ submitted_values: [{ name: "email", value: "carol@customer.test" }] });
  });

  it("verifies identity with identifier_hash: wrong or missing hash is 401 with Chatwoot's error", async () => {
    const strict = await apiInbox(w.account.id, { hmacMandatory: true });
    const params = { inbox_identifier: strict.identifier };
    const missing = await request(contactsRoute.POST, { params, body: { identifier: "user-42", name: "Dan" } });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe("HMAC failed: Invalid Identifier Hash Provided");
    const wrong = await request(contactsRoute.POST, { params, body: { identifier: "user-42", identifier_hash: hash("not-the-token", "user-42") } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe("HMAC failed: Invalid Identifier Hash Provided");
    // Someone else's identifier with this identifier's hash.
    const swapped = await request(contactsRoute.POST, { params, body: { identifier: "user-43", identifier_hash: hash(strict.hmacToken, "user-42") } });
    expect(swapped.status).toBe(401);

    const ok = await request(contactsRoute.POST, { params, body: { identifier: "user-42", identifier_hash: hash(strict.hmacToken, "user-42"), name: "Dan" } });
    expect(ok.status).toBe(200);
    const first = { inbox_identifier: strict.identifier, contact_identifier: ok.body.source_id };
    const conversation = await request(conversationsRoute.POST, { params: first, body: {} });
    expect(conversation.status).toBe(200);

    // The same person on another device proves the same identity: the same contact, and it sees the conversation.
    const second = await request(contactsRoute.POST, { params, body: { identifier: "user-42", identifier_hash: hash(strict.hmacToken, "user-42") } });
    expect(second.body.id).toBe(ok.body.id);
    expect(second.body.source_id).not.toBe(ok.body.source_id);
    const seen = await request(conversationsRoute.GET, { params: { inbox_identifier: strict.identifier, contact_identifier: second.body.source_id } });
    expect(seen.body.map((c: { id: number }) => c.id)).toEqual([conversation.body.id]);

    // Without enforcement, an identifier without a hash is ignored: it never attaches to that person.
    const loose = await newContact(api.identifier, { identifier: "user-42", name: "Mallory" });
    expect(loose.id).not.toBe(ok.body.id);
    const wrongLoose = await request(contactsRoute.POST, { params: { inbox_identifier: api.identifier }, body: { identifier: "x", identifier_hash: "00" } });
    expect(wrongLoose.status).toBe(401);
  });

  it("never reaches another inbox's or another contact's data with a source_id", async () => {
    const other = await apiInbox(w.account.id);
    const otherAccount = await f.createWorkspace(db());
    const foreign = await apiInbox(otherAccount.account.id);

    const alice = await newContact();
    const bob = await newContact();
    const pa = { inbox_identifier: api.identifier, contact_identifier: alice.source_id };
    const pb = { inbox_identifier: api.identifier, contact_identifier: bob.source_id };
    const aliceConversation = await request(conversationsRoute.POST, { params: pa, body: {} });
    await request(messagesRoute.POST, { params: { ...pa, conversation_id: aliceConversation.body.id }, body: { content: "alice's secret" } });

    // Bob's source_id with Alice's conversation number: not found, nothing written.
    const bc = { ...pb, conversation_id: aliceConversation.body.id };
    expect((await request(conversationRoute.GET, { params: bc })).status).toBe(404);
    expect((await request(messagesRoute.GET, { params: bc })).status).toBe(404);
    expect((await request(messagesRoute.POST, { params: bc, body: { content: "injected" } })).status).toBe(404);
    expect((await request(toggleStatusRoute.POST, { params: bc, body: {} })).status).toBe(404);
    expect((await request(conversationsRoute.GET, { params: pb })).body).toEqual([]);

    // Alice's source_id under another inbox's identifier, in this account or another: not found.
    for (const identifier of [other.identifier, foreign.identifier, "no-such-inbox"]) {
      const res = await request(contactRoute.GET, { params: { inbox_identifier: identifier, contact_identifier: alice.source_id } });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: "Resource could not be found", message: "Resource could not be found" });
    }
    // An email inbox has no Client API.
    const emailInbox = await f.createInbox(db(), w.account.id);
    await db().update(inboxes).set({ channelType: "email" }).where(eq(inboxes.id, emailInbox.id));
    const [emailChannel] = await db().select().from(channelApi).where(eq(channelApi.id, emailInbox.channelId));
    expect((await request(inboxRoute.GET, { params: { inbox_identifier: emailChannel.identifier } })).status).toBe(404);

    // A conversation of Alice's made by an agent in another inbox is not hers to reach here.
    const elsewhere = await f.createConversation(db(), w.account.id, other.inbox.id, { contactId: alice.id });
    expect((await request(conversationRoute.GET, { params: { ...pa, conversation_id: elsewhere.displayId } })).status).toBe(404);

    // Chatwoot's contact show answers the contact's own session only.
    const shownBob = await request(contactRoute.GET, { params: pb });
    expect(shownBob.body.id).toBe(bob.id);
    expect(JSON.stringify(shownBob.body)).not.toContain(alice.source_id);
  });

  it("limits requests per contact and per inbox with 429 and Retry-After", async () => {
    const limited = await apiInbox(w.account.id);
    const contact = await newContact(limited.identifier);
    const p = { inbox_identifier: limited.identifier, contact_identifier: contact.source_id };
    setEnvVar("CLIENT_API_CONTACT_RATE_LIMIT", "3");
    try {
      for (let i = 0; i < 3; i++) expect((await request(contactRoute.GET, { params: p })).status).toBe(200);
      const refused = await request(contactRoute.GET, { params: p });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // Another contact of the same inbox is not held back by this one.
      const other = await newContact(limited.identifier);
      expect((await request(contactRoute.GET, { params: { ...p, contact_identifier: other.source_id } })).status).toBe(200);
    } finally {
      setEnvVar("CLIENT_API_CONTACT_RATE_LIMIT", "1000");
    }
    const busy = await apiInbox(w.account.id);
    const quiet = await apiInbox(w.account.id);
    setEnvVar("CLIENT_API_INBOX_RATE_LIMIT", "2");
    try {
      expect((await request(inboxRoute.GET, { params: { inbox_identifier: busy.identifier } })).status).toBe(200);
      expect((await request(inboxRoute.GET, { params: { inbox_identifier: busy.identifier } })).status).toBe(200);
      expect((await request(contactsRoute.POST, { params: { inbox_identifier: busy.identifier }, body: {} })).status).toBe(429);
      // Other inboxes keep working.
      expect((await request(inboxRoute.GET, { params: { inbox_identifier: quiet.identifier } })).status).toBe(200);
    } finally {
      setEnvVar("CLIENT_API_INBOX_RATE_LIMIT", "1000");
    }
  });

  it("an agent resolving shows in the contact's conversation", async () => {
    const contact = await newContact();
    const p = { inbox_identifier: api.identifier, contact_identifier: contact.source_id };
    const conversation = await request(conversationsRoute.POST, { params: p, body: {} });
    await toggleStatus(db(), userActor(w.agent.id), w.account.id, conversation.body.id, { status: "resolved" });
    expect((await request(conversationRoute.GET, { params: { ...p, conversation_id: conversation.body.id } })).body.status).toBe("resolved");
  });
});

async function conversationRow(displayId: number) {
  const [row] = await db()
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, w.account.id), eq(conversations.displayId, displayId)));
  return row;
}


describe("a blocked contact on the Client API (Chatwoot mutes them)", () => {
  it("their new conversation opens resolved; their messages are kept but reopen nothing, start no clock and notify nobody", async () => {
    const contact = await newContact();
    const path = { inbox_identifier: api.identifier, contact_identifier: contact.source_id };
    const opened = await request(conversationsRoute.POST, { params: path, body: {} });
    expect(opened.body.status).toBe("open");
    await db().update(conversations).set({ assigneeId: w.agent.id }).where(eq(conversations.displayId, opened.body.id));
    await db().update(contactsTable).set({ blocked: true }).where(eq(contactsTable.id, contact.id));

    // A new conversation is created (the client is not told it is blocked) but starts resolved.
    const muted = await request(conversationsRoute.POST, { params: path, body: {} });
    expect(muted.status).toBe(200);
    expect(muted.body.status).toBe("resolved");

    // A message in the open conversation is stored, but the agents are not disturbed.
    const before = Date.now();
    const sent = await request(messagesRoute.POST, { params: { ...path, conversation_id: opened.body.id }, body: { content: "spam spam" } });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ content: "spam spam", message_type: 0 });
    const [row] = await db().select().from(conversations).where(and(eq(conversations.accountId, w.account.id), eq(conversations.displayId, opened.body.id)));
    expect(row.waitingSince).toBeNull();
    const told = await db().select().from(notificationsTable).where(and(eq(notificationsTable.userId, w.agent.id), eq(notificationsTable.conversationId, row.id)));
    expect(told.filter((n) => n.createdAt.getTime() >= before - 1000)).toEqual([]);

    // A resolved conversation that allows messages after resolution takes the message and stays resolved.
    await db().update(inboxes).set({ allowMessagesAfterResolved: true }).where(eq(inboxes.id, api.inbox.id));
    const again = await request(messagesRoute.POST, { params: { ...path, conversation_id: muted.body.id }, body: { content: "still here" } });
    expect(again.status).toBe(200);
    const [still] = await db().select().from(conversations).where(and(eq(conversations.accountId, w.account.id), eq(conversations.displayId, muted.body.id)));
    expect(still.status).toBe("resolved");
  });
});
