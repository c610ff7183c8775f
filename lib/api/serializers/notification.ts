import type { z } from "zod";
import type { notificationResponse } from "../endpoints/notifications";
import type { NotificationDetails } from "@/lib/notifications/types";
import { unix, unixOrNull } from "./time";

type NotificationResponse = z.infer<typeof notificationResponse>;

export function serializeNotification(n: NotificationDetails): NotificationResponse {
  const actor =
    n.conversationDisplayId !== null
      ? { type: "Conversation" as const, id: n.conversationDisplayId }
      : { type: "Inbox" as const, id: n.inboxId ?? 0 };
  return {
    id: n.id,
    account_id: n.accountId,
    user_id: n.userId,
    notification_type: n.notificationType,
    push_message_title: n.title,
    push_message_body: n.body,
    primary_actor_type: actor.type,
    primary_actor_id: actor.id,
    primary_actor: { id: actor.id },
    read_at: unixOrNull(n.readAt),
    created_at: unix(n.createdAt),
    last_activity_at: unix(n.createdAt),
    snoozed_until: null,
    meta: {},
  };
}
