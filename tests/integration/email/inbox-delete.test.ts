import { InngestTestEngine } from "@inngest/test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as inboxRoute from "@/app/api/v1/accounts/[account_id]/inboxes/[id]/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import {
  channelEmail,
  contactInboxes,
  contacts,
  conversations,
  emailDeliveries,
  inboxes,
  inboxMembers,
  jobRuns,
  mailboxCursors,
  messages,
  notifications,
  rawEmails,
} from "@/db/schema";
import { pollMailboxFunction } from "@/inngest/functions/mailbox/poll-mailboxes";
import { mailboxPollRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { userActor } from "@/lib/auth/actor";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { deleteInbox, getInboxDeletionPreview } from "@/lib/inboxes/delete-inbox";
import { createMessage } from "@/lib/messages/create-message";
import { setEnvVar } from "@/lib/env";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { createEmailInboxRow, rawMail } from "../../support/email-inbox";
import { call } from "../api/call";

/** An administrator deletes an email inbox: its mail and conversations go, contacts and other inboxes stay. */
const db = useTestDatabase();

beforeAll(() => setEnvVar("ENCRYPTION_KEY", "inbox-delete-test-key-inbox-delete"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));
beforeEach(async () => {
  await db().delete(jobRuns); // job_runs is not scoped by account: each test starts with an empty queue
});

// The handler does not look at the method (Next routes by the export's name), as in tests/integration/api.
const del = (token: string, accountId: number, inboxId: number) => call(inboxRoute.DELETE, { token, params: { account_id: accountId, id: inboxId } });

/** An email inbox as it looks after some use: two customer threads, a reply queued, a member, a cursor, a notification. */
async function usedEmailInbox() {
  const ws = await f.createWorkspace(db());
  const { inbox } = await createEmailInboxRow(db(), ws.account.id, { name: "Support mail", imap: { host: "127.0.0.1", port: 1, password: "x" } });
  await f.addInboxMember(db(), ws.account.id, inbox.id, ws.agent.id);
  const scope = { accountId: ws.account.id, inboxId: inbox.id, source: "imap" as const };
  const first = await ingestRawEmail(db(), { ...scope, raw: rawMail({ from: "Ann <ann@customer.test>", subject: "Broken order" }) });
  await ingestRawEmail(db(), { ...scope, raw: rawMail({ from: "Bob <bob@customer.test>", subject: "Refund" }) });
  // An agent's reply: an email delivery row and a queued send job.
  await createMessage(db(), userActor(ws.admin.id), ws.account.id, first.conversationDisplayId ?? 0, { content: "On it", messageType: "outgoing" });
  await db().insert(mailboxCursors).values({ accountId: ws.account.id, inboxId: inbox.id, folder: "INBOX", uidValidity: 1, lastUid: 2 });
  await db()
    .insert(notifications)
    .values({ accountId: ws.account.id, userId: ws.admin.id, notificationType: "inbox_reconnect_needed", inboxId: inbox.id, title: "Reconnect Support mail" });
  await sendEvent(mailboxPollRequested.create({ accountId: ws.account.id, inboxId: inbox.id }));

  // The workspace's other inbox, with a conversation of the same customer: must survive.
  const ann = await db().select().from(contacts).where(and(eq(contacts.accountId, ws.account.id), eq(contacts.email, "ann@customer.test")));
  const otherConversation = await f.createConversation(db(), ws.account.id, ws.inbox.id, { contactId: ann[0].id });
  await f.createMessage(db(), otherConversation);
  return { ...ws, inbox, otherConversation };
}

const rowsOf = async (inboxId: number) => ({
  inboxes: (await db().select().from(inboxes).where(eq(inboxes.id, inboxId))).length,
  conversations: (await db().select().from(conversations).where(eq(conversations.inboxId, inboxId))).length,
  messages: (await db().select().from(messages).where(eq(messages.inboxId, inboxId))).length,
  rawEmails: (await db().select().from(rawEmails).where(eq(rawEmails.inboxId, inboxId))).length,
  deliveries: (await db().select().from(emailDeliveries).where(eq(emailDeliveries.inboxId, inboxId))).length,
  members: (await db().select().from(inboxMembers).where(eq(inboxMembers.inboxId, inboxId))).length,
  contactInboxes: (await db().select().from(contactInboxes).where(eq(contactInboxes.inboxId, inboxId))).length,
  cursors: (await db().select().from(mailboxCursors).where(eq(mailboxCursors.inboxId, inboxId))).length,
  notifications: (await db().select().from(notifications).where(eq(notifications.inboxId, inboxId))).length,
});

describe("deleting an inbox", () => {
  it("an administrator deletes an email inbox: conversations, messages, mail, deliveries, members and jobs go; contacts and the other inbox stay", async () => {
    const s = await usedEmailInbox();
    expect(await rowsOf(s.inbox.id)).toEqual({
      inboxes: 1,
      conversations: 2,
      messages: 4, // two mails, the reply, and the activity line of its assigning the replier
      rawEmails: 2,
      deliveries: 1,
      members: 1,
      contactInboxes: 2,
      cursors: 1,
      notifications: 1,
    });
    expect(await getInboxDeletionPreview(db(), userActor(s.admin.id), s.account.id, s.inbox.id)).toEqual({ id: s.inbox.id, name: "Support mail", conversationCount: 2 });
    const jobsBefore = await db().select().from(jobRuns);
    expect(jobsBefore.map((j) => j.eventName).sort()).toEqual(["mail/send.requested", "mailbox/poll.requested"]);
    const [{ channelId }] = await db().select({ channelId: inboxes.channelId }).from(inboxes).where(eq(inboxes.id, s.inbox.id));

    const res = await del(s.admin.apiAccessToken, s.account.id, s.inbox.id);
    expect(res.status).toBe(200);

    expect(await rowsOf(s.inbox.id)).toEqual({
      inboxes: 0,
      conversations: 0,
      messages: 0,
      rawEmails: 0,
      deliveries: 0,
      members: 0,
      contactInboxes: 0,
      cursors: 0,
      notifications: 0,
    });
    expect(await db().select().from(channelEmail).where(eq(channelEmail.id, channelId))).toEqual([]);
    expect(await db().select().from(jobRuns)).toEqual([]);
    // The customers are still contacts, and the other inbox keeps its conversation and message.
    const people = await db().select({ email: contacts.email }).from(contacts).where(inArray(contacts.email, ["ann@customer.test", "bob@customer.test"]));
    expect(people.map((p) => p.email).sort()).toEqual(["ann@customer.test", "bob@customer.test"]);
    expect(await db().select().from(conversations).where(eq(conversations.id, s.otherConversation.id))).toHaveLength(1);
    expect(await db().select().from(messages).where(eq(messages.conversationId, s.otherConversation.id))).toHaveLength(1);

    // Deleting it again: it is simply not there.
    expect((await del(s.admin.apiAccessToken, s.account.id, s.inbox.id)).status).toBe(404);
  });

  it("an agent is refused (403) and an administrator of another account gets 404; the inbox stays", async () => {
    const s = await usedEmailInbox();
    const other = await f.createWorkspace(db());
    const refused = await del(s.agent.apiAccessToken, s.account.id, s.inbox.id);
    expect(refused.status).toBe(403);
    expect((await del(other.admin.apiAccessToken, s.account.id, s.inbox.id)).status).toBe(404);
    // Their own account's URL with this inbox's id: not theirs either.
    expect((await del(other.admin.apiAccessToken, other.account.id, s.inbox.id)).status).toBe(404);
    expect((await rowsOf(s.inbox.id)).conversations).toBe(2);
    expect((await rowsOf(s.inbox.id)).inboxes).toBe(1);
  });

  it("a poll requested before the deletion ends without an error and changes nothing", async () => {
    const s = await usedEmailInbox();
    const [pending] = await db().select().from(jobRuns).where(eq(jobRuns.eventName, "mailbox/poll.requested"));
    expect((await del(s.admin.apiAccessToken, s.account.id, s.inbox.id)).status).toBe(200);
    // Already running (or queued at Inngest) when the inbox went: the run finds no inbox.
    const { result, error } = await new InngestTestEngine({ function: pollMailboxFunction }).execute({ events: [{ name: pending.eventName, data: pending.eventData }] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ fetched: 0, imported: 0, more: false, error: "The inbox no longer exists" });
    expect(await db().select().from(jobRuns)).toEqual([]);
  });

  it("a large inbox goes in several chunks, all of it", async () => {
    const ws = await f.createWorkspace(db());
    const big = await f.createInbox(db(), ws.account.id, { name: "Big" });
    const contact = await f.createContact(db(), ws.account.id);
    // 450 conversations: more than two chunks of 200.
    await db().execute(sql`
      insert into conversations (account_id, inbox_id, display_id, contact_id)
      select ${ws.account.id}, ${big.id}, 1000 + n, ${contact.id} from generate_series(1, 450) as n`);
    expect(await getInboxDeletionPreview(db(), userActor(ws.admin.id), ws.account.id, big.id)).toMatchObject({ conversationCount: 450 });
    const result = await deleteInbox(db(), userActor(ws.admin.id), ws.account.id, big.id);
    expect(result.deletedConversations).toBe(450);
    expect((await rowsOf(big.id)).conversations).toBe(0);
    expect((await rowsOf(ws.inbox.id)).inboxes).toBe(1);
  });

  it("the OpenAPI document lists the DELETE", async () => {
    const doc = await call(openapi.GET, { path: "/api/v1/openapi.json" });
    expect(doc.body.paths["/api/v1/accounts/{account_id}/inboxes/{id}"].delete).toMatchObject({ tags: ["Inboxes"] });
  });
});
