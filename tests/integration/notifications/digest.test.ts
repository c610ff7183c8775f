import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as messages from "@/app/api/v1/accounts/[account_id]/conversations/[conversation_id]/messages/route";
import * as settings from "@/app/api/v1/accounts/[account_id]/notification_settings/route";
import { accountMail, notificationSettings, notifications } from "@/db/schema";
import { sendNotificationDigests } from "@/lib/notifications/digest";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { call } from "../api/call";

const db = useTestDatabase();

describe("email digest of notifications", () => {
  it("sends one digest per agent for many notifications, then nothing until the interval has passed", async () => {
    const { account, admin, agent, inbox } = await f.createWorkspace(db());
    const conv = await f.createConversation(db(), account.id, inbox.id);
    const p = { account_id: account.id, conversation_id: conv.displayId };
    await call(settings.PATCH, { token: agent.apiAccessToken, params: { account_id: account.id }, body: { selected_email_flags: ["email_conversation_mention"] } });
    const mention = () => call(messages.POST, { token: admin.apiAccessToken, params: p, body: { content: `[@Bob](mention://user/${agent.id}/Bob) look`, private: true } });
    for (let i = 0; i < 5; i++) await mention();

    const mails = () => db().select().from(accountMail).where(and(eq(accountMail.accountId, account.id), eq(accountMail.kind, "notification_digest")));
    expect(await sendNotificationDigests(db())).toBe(1);
    const [digest] = await mails();
    expect(digest).toMatchObject({ recipient: agent.email, subject: "5 notifications", transport: "outbox" });
    expect(digest.raw).toContain(`/conversations/${conv.displayId}`);
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, agent.id), eq(notifications.emailPending, true)))).toEqual([]);

    // More mentions right away: no second mail within the interval, however often the job runs.
    await mention();
    expect(await sendNotificationDigests(db())).toBe(0);
    expect(await sendNotificationDigests(db())).toBe(0);
    expect(await mails()).toHaveLength(1);
    // Once the interval has passed, the waiting one goes out.
    await db().update(notificationSettings).set({ lastDigestAt: new Date(Date.now() - 60 * 60_000) }).where(eq(notificationSettings.userId, agent.id));
    expect(await sendNotificationDigests(db())).toBe(1);
    expect(await mails()).toHaveLength(2);
  });
});
