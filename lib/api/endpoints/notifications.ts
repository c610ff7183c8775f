import { z } from "zod";
import { accountParams, defineEndpoint, idParam } from "../endpoint";

const unixSeconds = z.number().int();

/** Chatwoot's notification JSON (primary actor: the conversation, or the inbox for reconnect needed). */
export const notificationResponse = z.object({
  id: z.number().int(),
  account_id: z.number().int(),
  user_id: z.number().int(),
  notification_type: z.enum(["conversation_assignment", "assigned_conversation_new_message", "inbox_reconnect_needed", "webhook_disabled", "conversation_handoff", "conversation_mention", "participating_conversation_new_message", "conversation_creation", "sla_missed_first_response", "sla_missed_next_response", "sla_missed_resolution"]),
  push_message_title: z.string(),
  push_message_body: z.string(),
  primary_actor_type: z.enum(["Conversation", "Inbox"]),
  primary_actor_id: z.number().int().describe("The conversation's display id, or the inbox id"),
  primary_actor: z.object({ id: z.number().int() }).describe("The conversation (`id` is its display id) or the inbox"),
  read_at: unixSeconds.nullable(),
  created_at: unixSeconds,
  last_activity_at: unixSeconds,
  snoozed_until: z.null(),
  meta: z.record(z.string(), z.unknown()),
});

export const notificationListResponse = z.object({
  data: z.object({
    meta: z.object({ unread_count: z.number().int(), count: z.number().int(), current_page: z.number().int() }),
    payload: z.array(notificationResponse),
  }),
});

export const listNotificationsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/notifications",
  summary: "The caller's own notifications in the account, 25 per page, newest first, with the unread count",
  tag: "Notifications",
  params: accountParams,
  query: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
  responds: "{ data: { meta: { unread_count, count, current_page }, payload: notification[] } }",
  response: notificationListResponse,
});

export const readAllNotificationsEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/accounts/{account_id}/notifications/read_all",
  summary: "Mark all of the caller's notifications in the account read",
  tag: "Notifications",
  params: accountParams,
  responds: "empty",
});

export const readNotificationEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/notifications/{id}",
  summary: "Mark one of the caller's notifications read",
  tag: "Notifications",
  params: accountParams.extend({ id: idParam }),
  responds: "notification",
  response: notificationResponse,
});
