import { notificationHref, type NotificationDetails } from "@/lib/notifications/types";
import type { Wire } from "@/lib/realtime/payloads";

/** What the bell shows of a notification: plain data, the same from a render or a live event. */
export type BellItem = { id: number; title: string; body: string; href: string; isRead: boolean; createdAt: string };

export function toBellItem(n: NotificationDetails | Wire<NotificationDetails>): BellItem {
  return {
    id: n.id,
    title: n.title,
    body: n.body,
    href: notificationHref(n),
    isRead: n.readAt !== null,
    createdAt: typeof n.createdAt === "string" ? n.createdAt : n.createdAt.toISOString(),
  };
}
