import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { notificationOwner, ownNotifications, selectNotifications } from "./list-notifications";
import type { NotificationDetails } from "./types";

/**
 * Marks one of the user's own notifications read (the first read time stays). Someone else's
 * notification is "not found", so ids cannot be probed.
 */
export async function markNotificationRead(db: DbOrTx, actor: Actor, accountId: number, notificationId: number): Promise<NotificationDetails> {
  const userId = await notificationOwner(db, actor, accountId);
  const mine = and(ownNotifications(accountId, userId), eq(notifications.id, notificationId));
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine, isNull(notifications.readAt)));
  const [notification] = await selectNotifications(db, mine).limit(1);
  if (!notification) throw notFound("Notification");
  return notification;
}

/** Marks every unread notification of the user in this account read; returns how many changed. */
export async function markAllNotificationsRead(db: DbOrTx, actor: Actor, accountId: number): Promise<number> {
  const userId = await notificationOwner(db, actor, accountId);
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(ownNotifications(accountId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
