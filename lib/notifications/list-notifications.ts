import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations, notifications } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { invalid } from "@/lib/errors";
import { batchedValue } from "@/lib/request-batch";
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

/** A notification as its JSON comes back from PostgreSQL (timestamps as ISO strings). */
type NotificationJson = Omit<NotificationDetails, "readAt" | "createdAt"> & { readAt: string | null; createdAt: string };

/**
 * The signed-in user's own notifications in the account, newest first, with their unread count:
 * one value (the counts and the page as one json object), read in the request's batch
 * (lib/request-batch.ts), since every signed-in page's bell asks for it beside the sidebar's counts.
 */
export async function listNotifications(db: DbOrTx, actor: Actor, accountId: number, params: ListNotificationsInput = {}): Promise<NotificationList> {
  const userId = await notificationOwner(db, actor, accountId);
  const { page, perPage } = parseInput(listNotificationsInput, params);
  const n = notifications;
  const mine = sql`${n.accountId} = ${accountId} and ${n.userId} = ${userId}`;
  const value = await batchedValue<{ count: number; unread: number; items: NotificationJson[] | null }>(
    db,
    sql`select json_build_object('count', k.total, 'unread', k.unread, 'items', (
        select json_agg(json_build_object(
          'id', p.id, 'accountId', p.account_id, 'userId', p.user_id, 'notificationType', p.notification_type,
          'conversationId', p.conversation_id, 'conversationDisplayId', p.display_id, 'inboxId', p.inbox_id,
          'title', p.title, 'body', p.body, 'readAt', p.read_at, 'createdAt', p.created_at) order by p.created_at desc, p.id desc)
        from (
          select ${n.id}, ${n.accountId}, ${n.userId}, ${n.notificationType}, ${n.conversationId}, ${conversations.displayId},
                 ${n.inboxId}, ${n.title}, ${n.body}, ${n.readAt}, ${n.createdAt}
          from ${n}
          left join ${conversations} on ${conversations.accountId} = ${n.accountId} and ${conversations.id} = ${n.conversationId}
          where ${mine}
          order by ${n.createdAt} desc, ${n.id} desc
          limit ${perPage} offset ${(page - 1) * perPage}
        ) p))
      from (select count(*)::int as total, (count(*) filter (where ${n.readAt} is null))::int as unread from ${n} where ${mine}) k`,
  );
  return {
    items: (value?.items ?? []).map((i) => ({ ...i, readAt: i.readAt === null ? null : new Date(i.readAt), createdAt: new Date(i.createdAt) })),
    unreadCount: Number(value?.unread ?? 0),
    count: Number(value?.count ?? 0),
    page,
  };
}
