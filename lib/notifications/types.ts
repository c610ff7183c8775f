import type { NotificationType } from "@/db/schema";

/** A notification as the bell and the API show it. */
export type NotificationDetails = {
  id: number;
  accountId: number;
  userId: number;
  notificationType: NotificationType;
  /** The conversation it is about (assignment, new message), with the number its URL uses. */
  conversationId: number | null;
  conversationDisplayId: number | null;
  /** The inbox it is about (reconnect needed). */
  inboxId: number | null;
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
};

/** Where clicking a notification leads: its conversation, the inbox's settings page, or the webhooks. */
export function notificationHref(n: {
  accountId: number;
  conversationDisplayId: number | null;
  inboxId: number | null;
  notificationType?: string;
}): string {
  const base = `/app/accounts/${n.accountId}`;
  if (n.notificationType === "webhook_disabled") return `${base}/settings/integrations/webhooks`;
  if (n.conversationDisplayId !== null) return `${base}/conversations/${n.conversationDisplayId}`;
  if (n.inboxId !== null) return `${base}/settings/inboxes/${n.inboxId}`;
  return `${base}/conversations`;
}
