import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations, notifications } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { invalid } from "@/lib/errors";
import type { NotificationDetails } from "./types";

export const listNotificationsInput = z.object({
  page: z.number().int().positive().max(10_000).default(1),
  perPage: z.number().int().positive().max(100).default(25),
});
export type ListNotificationsInput = z.input<typeof listNotificationsInput>;

export type NotificationList = { items: NotificationDetails[]; unreadCount: number; count: number; page: number };

/** The user every notification call is about: the actor themself (the system has none). */
export async function notificationOwner(db: DbOrTx, actor: Actor, accountId: number): Promise<number> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.userId === null) throw invalid("Notifications belong to a user");
  return access.userId;
}

export const ownNotifications = (accountId: number, userId: number): SQL | undefined =>
  and(eq(notifications.accountId, accountId), eq(notifications.userId, userId));

/** Notifications with the display id of their conversation (for links), newest first. */
export function selectNotifications(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      id: notifications.id,
      accountId: notifications.accountId,
      userId: notifications.userId,
      notificationType: notifications.notificationType,
      conversationId: notifications.conversationId,
      conversationDisplayId: conversations.displayId,
      inboxId: notifications.inboxId,
      title: notifications.title,
      body: notifications.body,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .leftJoin(conversations, and(eq(conversations.accountId, notifications.accountId), eq(conversations.id, notifications.conversationId)))
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .$dynamic();
}

/**
 * The signed-in user's own notifications in the account, newest first, with their unread count:
 * one statement (the counts as a one-row subquery, the page joined to it), since every signed-in
 * page's bell asks for it.
 */
export async function listNotifications(db: DbOrTx, actor: Actor, accountId: number, params: ListNotificationsInput = {}): Promise<NotificationList> {
  const userId = await notificationOwner(db, actor, accountId);
  const { page, perPage } = parseInput(listNotificationsInput, params);
  const mine = ownNotifications(accountId, userId);
  const counts = db
    .select({ count: count().as("total"), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.as("unread") })
    .from(notifications)
    .where(mine)
    .as("counts");
  const items = selectNotifications(db, mine)
    .limit(perPage)
    .offset((page - 1) * perPage)
    .as("items");
  const rows = await db
    .select({
      count: counts.count,
      unread: counts.unread,
      item: {
        id: items.id,
        accountId: items.accountId,
        userId: items.userId,
        notificationType: items.notificationType,
        conversationId: items.conversationId,
        conversationDisplayId: items.conversationDisplayId,
        inboxId: items.inboxId,
        title: items.title,
        body: items.body,
        readAt: items.readAt,
        createdAt: items.createdAt,
      },
    })
    .from(counts)
    .leftJoin(items, sql`true`)
    .orderBy(desc(items.createdAt), desc(items.id));
  const first = rows[0];
  return {
    items: rows.flatMap((r) => (r.item ? [r.item] : [])),
    unreadCount: Number(first?.unread ?? 0),
    count: Number(first?.count ?? 0),
    page,
  };
}
