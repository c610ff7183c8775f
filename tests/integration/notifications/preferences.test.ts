import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as assignments from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/assignments/route";
import * as participants from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/participants/route";
import * as messagesRoute from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import * as conversationsRoute from "@/app/api/v1/accounts/[account_id]/conversations/route";
import * as settings from "@/app/api/v1/accounts/[account_id]/notification_settings/route";
import { accountMail, inboxMembers, notifications } from "@/db/schema";
import { sendNotificationDigests } from "@/lib/notifications/digest";
import { userChannel } from "@/lib/realtime/channels";
import type { NotificationPayload } from "@/lib/realtime/payloads";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { connectAs, useRealtimeServer, type TestClient } from "../../support/realtime";
import { call } from "../api/call";

/**
 * Every kind of notification follows the recipient's notification settings: in the app (bell,
 * live), by email (the digest), both, or neither — through Chatwoot's notification_settings API.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();

type Choice = "app" | "email" | "both" | "none";
const CHOICES: Choice[] = ["app", "email", "both", "none"];

async function choose(token: string, accountId: number, kind: string, choice: Choice) {
  const res = await call(settings.PATCH, {
    token,
    params: { account_id: accountId },
    body: {
      notification_settings: {
        selected_push_flags: choice === "app" || choice === "both" ? [`push_${kind}`] : [],
        selected_email_flags: choice === "email" || choice === "both" ? [`email_${kind}`] : [],
      },
    },
  });
  expect(res.status).toBe(200);
}

const rowsOf = (accountId: number, userId: number, kind: string) =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), eq(notifications.userId, userId), eq(notifications.notificationType, kind as "conversation_mention")));

/** What the recipient got for a kind, as they would notice it: an unread bell item, a digest waiting, both, or nothing. */
async function expectDelivered(accountId: number, userId: number, kind: string, choice: Choice, count = 1) {
  const rows = await rowsOf(accountId, userId, kind);
  if (choice === "none") return expect(rows).toEqual([]);
  expect(rows).toHaveLength(count);
  for (const row of rows) {
    expect({ inBell: row.readAt === null, emailPending: row.emailPending }).toEqual({
      inBell: choice === "app" || choice === "both",
      emailPending: choice === "email" || choice === "both",
    });
  }
}

async function workspace() {
  const w = await f.createWorkspace(db());
  const carl = await f.createAgent(db(), w.account.id, { name: "Carl Agent" });
  await f.addInboxMember(db(), w.account.id, w.inbox.id, carl.id);
  return { ...w, carl };
}

/** A customer's message through the Client API (the contact of the conversation writes). */
async function customerWrites(conv: { accountId: number; id: number; displayId: number }, admin: { apiAccessToken: string }, content: string) {
  const res = await call(messagesRoute.POST, {
    token: admin.apiAccessToken,
    params: { account_id: conv.accountId, conversation_id: conv.displayId },
    body: { content, message_type: "incoming" },
  });
  expect(res.status).toBe(200);
}

describe("notification preferences per kind", () => {
  for (const choice of CHOICES) {
    it(`conversation_assignment: ${choice}`, async () => {
      const w = await workspace();
      await choose(w.agent.apiAccessToken, w.account.id, "conversation_assignment", choice);
      const conv = await f.createConversation(db(), w.account.id, w.inbox.id);
      const res = await call(assignments.POST, { token: w.admin.apiAccessToken, params: { account_id: w.account.id, conversation_id: conv.displayId }, body: { assignee_id: w.agent.id } });
      expect(res.status).toBe(200);
      await expectDelivered(w.account.id, w.agent.id, "conversation_assignment", choice);
    });

    it(`assigned_conversation_new_message: ${choice}`, async () => {
      const w = await workspace();
      await choose(w.agent.apiAccessToken, w.account.id, "assigned_conversation_new_message", choice);
      const conv = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
      await customerWrites(conv, w.admin, "Where is my parcel?");
      await expectDelivered(w.account.id, w.agent.id, "assigned_conversation_new_message", choice);
    });

    it(`participating_conversation_new_message: ${choice}`, async () => {
      const w = await workspace();
      await choose(w.carl.apiAccessToken, w.account.id, "participating_conversation_new_message", choice);
      const conv = await f.createConversation(db(), w.account.id, w.inbox.id);
      const p = { account_id: w.account.id, conversation_id: conv.displayId };
      expect((await call(participants.POST, { token: w.carl.apiAccessToken, params: p, body: { user_ids: [w.carl.id] } })).status).toBe(200);
      await customerWrites(conv, w.admin, "Any news?");
      await expectDelivered(w.account.id, w.carl.id, "participating_conversation_new_message", choice);
    });

    it(`conversation_creation: ${choice}`, async () => {
      const w = await workspace();
      await choose(w.carl.apiAccessToken, w.account.id, "conversation_creation", choice);
      const contact = await f.createContact(db(), w.account.id);
      const created = await call(conversationsRoute.POST, {
        token: w.admin.apiAccessToken,
        params: { account_id: w.account.id },
        body: { inbox_id: w.inbox.id, contact_id: contact.id, message: { content: "Hello" } },
      });
      expect(created.status).toBe(200);
      await expectDelivered(w.account.id, w.carl.id, "conversation_creation", choice);
      // Bob (inbox member, no choice made) is not told of new conversations by default.
      await expectDelivered(w.account.id, w.agent.id, "conversation_creation", "none");
    });
  }
});

describe("new messages for the assignee and the followers", () => {
  let client: TestClient | undefined;
  afterAll(() => client?.disconnect());

  it("tell the assignee and each follower once, live; never the writer; a mention is not told twice", async () => {
    const w = await workspace();
    const conv = await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    const p = { account_id: w.account.id, conversation_id: conv.displayId };
    // Carl and the admin follow; Bob (the assignee) follows too but hears as the assignee only.
    await call(participants.POST, { token: w.admin.apiAccessToken, params: p, body: { user_ids: [w.carl.id, w.admin.id, w.agent.id] } });
    client = await connectAs(realtime().port, db, w.carl.id);
    await client.subscribe(userChannel(w.carl.id));

    await customerWrites(conv, w.admin, "The parcel never came");
    const event = await client.waitFor((e) => e.name === "notification.created");
    expect((event.data as NotificationPayload).notification).toMatchObject({
      notificationType: "participating_conversation_new_message",
      conversationDisplayId: conv.displayId,
      title: `New message in conversation #${conv.displayId}`,
      body: "The parcel never came",
    });
    await expectDelivered(w.account.id, w.agent.id, "assigned_conversation_new_message", "app");
    await expectDelivered(w.account.id, w.agent.id, "participating_conversation_new_message", "none");
    await expectDelivered(w.account.id, w.carl.id, "participating_conversation_new_message", "app");
    await expectDelivered(w.account.id, w.admin.id, "participating_conversation_new_message", "app");

    // Carl writes a note mentioning the admin: Bob hears (assignee), the admin hears once (the mention), Carl nothing.
    const note = await call(messagesRoute.POST, {
      token: w.carl.apiAccessToken,
      params: p,
      body: { content: `[@Alice Admin](mention://user/${w.admin.id}/Alice%20Admin) can you look?`, private: true },
    });
    expect(note.status).toBe(200);
    await expectDelivered(w.account.id, w.agent.id, "assigned_conversation_new_message", "app", 2);
    const bobs = await rowsOf(w.account.id, w.agent.id, "assigned_conversation_new_message");
    expect(bobs.map((n) => n.body)).toContain("@Alice Admin can you look?");
    await expectDelivered(w.account.id, w.admin.id, "participating_conversation_new_message", "app", 1);
    await expectDelivered(w.account.id, w.admin.id, "conversation_mention", "app", 1);
    await expectDelivered(w.account.id, w.carl.id, "participating_conversation_new_message", "app", 1);

    // Bob's own reply tells the followers, not Bob.
    await call(messagesRoute.POST, { token: w.agent.apiAccessToken, params: p, body: { content: "Sending a new one today" } });
    await expectDelivered(w.account.id, w.agent.id, "assigned_conversation_new_message", "app", 2);
    await expectDelivered(w.account.id, w.carl.id, "participating_conversation_new_message", "app", 2);
  });

  it("a follower who left the inbox hears nothing more of it", async () => {
    const w = await workspace();
    const conv = await f.createConversation(db(), w.account.id, w.inbox.id);
    const p = { account_id: w.account.id, conversation_id: conv.displayId };
    await call(participants.POST, { token: w.admin.apiAccessToken, params: p, body: { user_ids: [w.carl.id] } });
    await db().delete(inboxMembers).where(and(eq(inboxMembers.inboxId, w.inbox.id), eq(inboxMembers.userId, w.carl.id)));
    await customerWrites(conv, w.admin, "hello?");
    await expectDelivered(w.account.id, w.carl.id, "participating_conversation_new_message", "none");
  });
});

describe("the email digest across kinds", () => {
  it("sends one digest for many notifications of every kind chosen by email, and no flood after", async () => {
    const w = await workspace();
    await call(settings.PATCH, {
      token: w.agent.apiAccessToken,
      params: { account_id: w.account.id },
      body: {
        selected_push_flags: [],
        selected_email_flags: ["email_conversation_assignment", "email_assigned_conversation_new_message", "email_participating_conversation_new_message", "email_conversation_creation"],
      },
    });
    for (let i = 0; i < 3; i++) {
      const conv = await f.createConversation(db(), w.account.id, w.inbox.id);
      await call(assignments.POST, { token: w.admin.apiAccessToken, params: { account_id: w.account.id, conversation_id: conv.displayId }, body: { assignee_id: w.agent.id } });
      await customerWrites({ ...conv }, w.admin, `message ${i}`);
    }
    // Nothing rang in the app.
    expect((await db().select().from(notifications).where(eq(notifications.userId, w.agent.id))).every((n) => n.readAt !== null && n.emailPending)).toBe(true);
    const mails = () => db().select().from(accountMail).where(and(eq(accountMail.accountId, w.account.id), eq(accountMail.kind, "notification_digest")));
    await sendNotificationDigests(db());
    expect(await mails()).toHaveLength(1);
    for (let i = 0; i < 3; i++) await customerWrites(await f.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id }), w.admin, "more");
    await sendNotificationDigests(db());
    await sendNotificationDigests(db());
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ recipient: w.agent.email, subject: "6 notifications" });
  });
});
