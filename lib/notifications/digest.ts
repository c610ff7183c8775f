import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations, notificationSettings, notifications, users } from "@/db/schema";
import { sendAccountMail } from "@/lib/accounts/account-mail";
import { appUrl } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { notificationHref } from "./types";

const log = createLogger("notification-digest");

/** At most one digest per agent and account in this window, however many notifications arrive. */
export const DIGEST_MIN_INTERVAL_MINUTES = 15;
// One digest lists at most this many; the rest wait for the next one.
const DIGEST_MAX_ITEMS = 50;
// Recipients handled per run: the cron comes back for the others.
const RECIPIENTS_PER_RUN = 200;

/**
 * Mails each agent who has notifications waiting for email (`email_pending`, set when their
 * settings ask for that kind by email) ONE digest, unless they had one within the interval:
 * claiming `notification_settings.last_digest_at` first makes two runs never both send, and a
 * failed send is retried at the next interval, never in a loop. Returns how many digests went out.
 */
export async function sendNotificationDigests(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .selectDistinct({ accountId: notifications.accountId, userId: notifications.userId })
    .from(notifications)
    .where(eq(notifications.emailPending, true))
    .limit(RECIPIENTS_PER_RUN);
  let sent = 0;
  const cutoff = new Date(now.getTime() - DIGEST_MIN_INTERVAL_MINUTES * 60_000);
  for (const { accountId, userId } of due) {
    const claimed = await db
      .update(notificationSettings)
      .set({ lastDigestAt: now })
      .where(
        and(
          eq(notificationSettings.accountId, accountId),
          eq(notificationSettings.userId, userId),
          or(isNull(notificationSettings.lastDigestAt), lt(notificationSettings.lastDigestAt, cutoff)),
        ),
      )
      .returning({ id: notificationSettings.id });
    if (claimed.length === 0) continue;
    try {
      if (await sendDigest(db, accountId, userId)) sent++;
    } catch (error) {
      log.error("could not send a notification digest", { accountId, userId, error: String(error) });
    }
  }
  return sent;
}

async function sendDigest(db: Db, accountId: number, userId: number): Promise<boolean> {
  const items = await db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, inboxId: notifications.inboxId, type: notifications.notificationType, displayId: conversations.displayId })
    .from(notifications)
    .leftJoin(conversations, and(eq(conversations.accountId, notifications.accountId), eq(conversations.id, notifications.conversationId)))
    .where(and(eq(notifications.accountId, accountId), eq(notifications.userId, userId), eq(notifications.emailPending, true)))
    .orderBy(asc(notifications.id))
    .limit(DIGEST_MAX_ITEMS);
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (items.length === 0 || !user) return false;
  const lines = items.map((n) => {
    const href = appUrl() + notificationHref({ accountId, conversationDisplayId: n.displayId, inboxId: n.inboxId, notificationType: n.type });
    return `- ${n.title}${n.body ? `\n  ${n.body}` : ""}\n  ${href}`;
  });
  await sendAccountMail(db, {
    accountId,
    kind: "notification_digest",
    to: user.email,
    subject: items.length === 1 ? items[0].title : `${items.length} notifications`,
    text: `${lines.join("\n\n")}\n\nChoose what you are told by email in your profile's notification settings.\n`,
  });
  await db
    .update(notifications)
    .set({ emailPending: false })
    .where(and(eq(notifications.accountId, accountId), inArray(notifications.id, items.map((n) => n.id))));
  return true;
}

