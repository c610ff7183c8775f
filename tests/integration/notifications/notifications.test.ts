import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountUsers, channelEmail, conversations, notifications } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { setEnvVar } from "@/lib/env";
import { createMessage } from "@/lib/messages/create-message";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { getAccessToken } from "@/lib/mailbox/oauth/access-token";
import { pollMailbox } from "@/lib/mailbox/imap/poll-mailbox";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/mark-read";
import { userChannel } from "@/lib/realtime/channels";
import type { NotificationPayload } from "@/lib/realtime/payloads";
import * as factories from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { describeDovecot, useDovecot } from "@/tests/support/dovecot";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { connectAs, settle, useRealtimeServer, type TestClient } from "@/tests/support/realtime";
import { createOAuthInbox, expireAccessTokenIn, useFakeOAuthProvider } from "../oauth/oauth-helpers";

/** Personal notifications: who gets one, when, live on their own channel, and only they can read them. */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const idp = useFakeOAuthProvider();

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "notifications-test-key");
});

/** A workspace with a second administrator and a second agent (both inbox members). */
async function team() {
  const w = await factories.createWorkspace(db());
  const admin2 = await factories.createAgent(db(), w.account.id, { role: "administrator", name: "Ada Admin" });
  const agent2 = await factories.createAgent(db(), w.account.id, { role: "agent", name: "Carl Agent" });
  await factories.addInboxMember(db(), w.account.id, w.inbox.id, agent2.id);
  return { ...w, admin2, agent2 };
}

const list = (accountId: number, userId: number) => listNotifications(db(), userActor(userId), accountId);

describe("conversation assignment", () => {
  let client: TestClient;
  afterAll(() => client?.disconnect());

  it("notifies the assignee live on their own channel, with a link to the conversation", async () => {
    const w = await team();
    client = await connectAs(realtime().port, db, w.agent.id);
    await client.subscribe(userChannel(w.agent.id));
    const conversation = await factories.createConversation(db(), w.account.id, w.inbox.id);

    await assignConversation(db(), userActor(w.admin.id), w.account.id, conversation.displayId, { assigneeId: w.agent.id });

    const event = await client.waitFor((e) => e.name === "notification.created");
    const payload = event.data as NotificationPayload;
    expect(event.channel).toBe(userChannel(w.agent.id));
    expect(payload.notification).toMatchObject({
      notificationType: "conversation_assignment",
      userId: w.agent.id,
      conversationDisplayId: conversation.displayId,
      title: `Alice Admin assigned you conversation #${conversation.displayId}`,
      readAt: null,
    });
    const mine = await list(w.account.id, w.agent.id);
    expect(mine.unreadCount).toBe(1);
    expect(mine.items.map((n) => n.id)).toEqual([payload.notification.id]);
    expect((await list(w.account.id, w.admin.id)).count).toBe(0);
  });

  it("does not notify someone who assigns the conversation to themself", async () => {
    const w = await team();
    const conversation = await factories.createConversation(db(), w.account.id, w.inbox.id);
    await assignConversation(db(), userActor(w.agent.id), w.account.id, conversation.displayId, { assigneeId: w.agent.id });
    expect((await list(w.account.id, w.agent.id)).count).toBe(0);
    // Handing it over to a colleague does notify the colleague.
    await assignConversation(db(), userActor(w.agent.id), w.account.id, conversation.displayId, { assigneeId: w.agent2.id });
    expect((await list(w.account.id, w.agent2.id)).items).toMatchObject([{ title: `Bob Agent assigned you conversation #${conversation.displayId}` }]);
  });
});

describe("new messages in assigned conversations", () => {
  it("the assignee hears of a customer's message and a colleague's note, as in Chatwoot; their own reply, history and unassigned conversations make none", async () => {
    const w = await team();
    const assigned = await factories.createConversation(db(), w.account.id, w.inbox.id, { assigneeId: w.agent.id });
    const unassigned = await factories.createConversation(db(), w.account.id, w.inbox.id);
    const system = { kind: "system", reason: "test" } as const;

    await createMessage(db(), system, w.account.id, assigned.displayId, { messageType: "incoming", content: "My order\n\n  never   arrived" });
    await createMessage(db(), system, w.account.id, unassigned.displayId, { messageType: "incoming", content: "Hello?" });
    await createMessage(db(), userActor(w.agent.id), w.account.id, assigned.displayId, { content: "On it" });
    await createMessage(db(), userActor(w.agent2.id), w.account.id, assigned.displayId, { content: "note", private: true });
    await createMessage(db(), system, w.account.id, assigned.displayId, { messageType: "incoming", content: "Old mail", keepStatus: true });

    const mine = await list(w.account.id, w.agent.id);
    expect(mine.items).toMatchObject([
      { notificationType: "assigned_conversation_new_message", conversationDisplayId: assigned.displayId, body: "note" },
      {
        notificationType: "assigned_conversation_new_message",
        conversationDisplayId: assigned.displayId,
        title: `New message in conversation #${assigned.displayId}`,
        body: "My order never arrived",
      },
    ]);
    for (const other of [w.admin, w.admin2, w.agent2]) expect((await list(w.account.id, other.id)).count).toBe(0);
  });
});

describe("a customer's email reply", () => {
  it("notifies the assignee of an email conversation; the first mail, unassigned, notifies nobody", async () => {
    const w = await team();
    const { inbox } = await createEmailInboxRow(db(), w.account.id);
    await factories.addInboxMember(db(), w.account.id, inbox.id, w.agent.id);
    const ingest = (raw: Buffer) => ingestRawEmail(db(), { accountId: w.account.id, inboxId: inbox.id, source: "relay", raw });
    const firstId = `${Math.random().toString(36).slice(2, 10)}@customer.test`;
    await ingest(rawMail({ messageId: firstId, body: "The parcel never came." }));
    expect((await list(w.account.id, w.agent.id)).count).toBe(0);
    expect((await list(w.account.id, w.admin.id)).count).toBe(0);

    const [conversation] = await db().select().from(conversations).where(eq(conversations.inboxId, inbox.id));
    await assignConversation(db(), userActor(w.admin.id), w.account.id, conversation.displayId, { assigneeId: w.agent.id });
    await ingest(rawMail({ inReplyTo: `<${firstId}>`, references: `<${firstId}>`, subject: "Re: Help with my order", body: "Still nothing, any news?" }));

    const mine = (await list(w.account.id, w.agent.id)).items;
    expect(mine.map((n) => n.notificationType)).toEqual(["assigned_conversation_new_message", "conversation_assignment"]);
    expect(mine[0]).toMatchObject({ conversationDisplayId: conversation.displayId, body: expect.stringContaining("Still nothing, any news?") });
  });
});

describe("reading notifications", () => {
  it("marks one read, then all, and only ever the caller's own", async () => {
    const w = await team();
    const c1 = await factories.createConversation(db(), w.account.id, w.inbox.id);
    const c2 = await factories.createConversation(db(), w.account.id, w.inbox.id);
    const c3 = await factories.createConversation(db(), w.account.id, w.inbox.id);
    await assignConversation(db(), userActor(w.admin.id), w.account.id, c1.displayId, { assigneeId: w.agent.id });
    await assignConversation(db(), userActor(w.admin.id), w.account.id, c2.displayId, { assigneeId: w.agent.id });
    await assignConversation(db(), userActor(w.admin.id), w.account.id, c3.displayId, { assigneeId: w.agent2.id });
    const [newest, oldest] = (await list(w.account.id, w.agent.id)).items;
    expect([newest.conversationDisplayId, oldest.conversationDisplayId]).toEqual([c2.displayId, c1.displayId]);
    const colleagues = (await list(w.account.id, w.agent2.id)).items[0];

    // Someone else's notification is "not found", and stays unread.
    await expect(markNotificationRead(db(), userActor(w.agent.id), w.account.id, colleagues.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(markNotificationRead(db(), userActor(w.admin.id), w.account.id, colleagues.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await list(w.account.id, w.agent2.id)).unreadCount).toBe(1);

    const read = await markNotificationRead(db(), userActor(w.agent.id), w.account.id, oldest.id);
    expect(read.readAt).toBeInstanceOf(Date);
    expect((await list(w.account.id, w.agent.id)).unreadCount).toBe(1);
    // Reading it again keeps the first read time.
    expect((await markNotificationRead(db(), userActor(w.agent.id), w.account.id, oldest.id)).readAt).toEqual(read.readAt);

    expect(await markAllNotificationsRead(db(), userActor(w.agent.id), w.account.id)).toBe(1);
    expect((await list(w.account.id, w.agent.id)).unreadCount).toBe(0);
    expect((await list(w.account.id, w.agent2.id)).unreadCount).toBe(1);
  });

  it("another account's notifications cannot be reached through an account the user belongs to", async () => {
    const w = await team();
    const other = await factories.createWorkspace(db());
    // The agent of `w` is also a member of the other account.
    await db().insert(accountUsers).values({ accountId: other.account.id, userId: w.agent.id, role: "agent" });
    const conversation = await factories.createConversation(db(), w.account.id, w.inbox.id);
    await assignConversation(db(), userActor(w.admin.id), w.account.id, conversation.displayId, { assigneeId: w.agent.id });
    const [n] = (await list(w.account.id, w.agent.id)).items;
    expect((await list(other.account.id, w.agent.id)).count).toBe(0);
    await expect(markNotificationRead(db(), userActor(w.agent.id), other.account.id, n.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

/** Rows of inbox_reconnect_needed per user of the account. */
async function reconnectNotices(accountId: number, inboxId: number) {
  const rows = await db()
    .select({ userId: notifications.userId, title: notifications.title, body: notifications.body })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), eq(notifications.inboxId, inboxId), eq(notifications.notificationType, "inbox_reconnect_needed")));
  return rows;
}

describe("an OAuth inbox needing a reconnect", () => {
  it("notifies every administrator once per transition into reconnect needed; agents get none", async () => {
    const w = await team();
    const mailbox = `oauth-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const delegate = `leaver-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const { scope, inbox, channel } = await createOAuthInbox(db(), idp(), { accountId: w.account.id, mailbox, delegate });
    await expireAccessTokenIn(db(), scope, 0);
    idp().revokeUser(delegate);

    await expect(getAccessToken(db(), scope)).rejects.toThrow(/Reconnect the mailbox/);
    await expect(getAccessToken(db(), scope)).rejects.toThrow(/Reconnect the mailbox/);

    const notices = await reconnectNotices(w.account.id, inbox.id);
    expect(notices.map((n) => n.userId).sort()).toEqual([w.admin.id, w.admin2.id].sort());
    expect(notices[0]).toMatchObject({ title: `${inbox.name} needs to be reconnected`, body: expect.stringMatching(/Reconnect the mailbox/) });
    expect((await list(w.account.id, w.admin.id)).items[0]).toMatchObject({ inboxId: inbox.id, conversationDisplayId: null });

    // Fixed, then broken again: a new transition, a new notification.
    await db().update(channelEmail).set({ health: "ok" }).where(eq(channelEmail.id, channel.id));
    await expect(getAccessToken(db(), scope)).rejects.toThrow(/Reconnect the mailbox/);
    expect(await reconnectNotices(w.account.id, inbox.id)).toHaveLength(4);
    for (const agent of [w.agent, w.agent2]) expect((await list(w.account.id, agent.id)).count).toBe(0);
  });
});

describeDovecot("an IMAP inbox whose password is refused", () => {
  const dovecot = useDovecot();

  it("notifies the administrators once, not at every failed poll", async () => {
    const w = await team();
    const email = `refused-${Math.random().toString(36).slice(2, 8)}@example.test`;
    await dovecot().addUser(email, "right-password");
    const { inbox } = await createEmailInboxRow(db(), w.account.id, {
      email,
      imap: { host: dovecot().host, port: dovecot().port, password: "wrong-password" },
    });
    const scope = { accountId: w.account.id, inboxId: inbox.id };
    expect((await pollMailbox(db(), scope)).ok).toBe(false);
    expect((await pollMailbox(db(), scope)).ok).toBe(false);
    await settle(50);
    const notices = await reconnectNotices(w.account.id, inbox.id);
    expect(notices.map((n) => n.userId).sort()).toEqual([w.admin.id, w.admin2.id].sort());
    expect(notices[0].body).toBe(`The IMAP server refused the login for ${email}: check the password`);
    expect((await list(w.account.id, w.agent.id)).count).toBe(0);
  });
});
