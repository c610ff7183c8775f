import { z } from "zod";
import { agentResponse } from "../responses";
import { accountParams, defineEndpoint, idParam, wrappedBody } from "../endpoint";

const conversationParams = accountParams.extend({ conversation_id: idParam });
const userIds = z.object({ user_ids: z.array(z.coerce.number().int().positive()) });

const participantsSpec = (method: "POST" | "PATCH" | "DELETE", summary: string) =>
  defineEndpoint({
    method,
    path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/participants",
    summary,
    tag: "Conversations",
    params: conversationParams,
    body: userIds,
    responds: "agent[] (the participants after the change)",
    response: z.array(agentResponse),
  });

export const listParticipantsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/conversations/{conversation_id}/participants",
  summary: "Agents following the conversation",
  tag: "Conversations",
  params: conversationParams,
  responds: "agent[]",
  response: z.array(agentResponse),
});
export const addParticipantsEndpoint = participantsSpec("POST", "Add followers (members of the inbox or administrators)");
export const replaceParticipantsEndpoint = participantsSpec("PATCH", "Replace the followers with user_ids");
export const removeParticipantsEndpoint = participantsSpec("DELETE", "Remove followers");

export const notificationSettingsResponse = z.object({
  id: z.number().int().nullable(),
  user_id: z.number().int(),
  account_id: z.number().int(),
  all_email_flags: z.array(z.string()),
  selected_email_flags: z.array(z.string()),
  all_push_flags: z.array(z.string()),
  selected_push_flags: z.array(z.string()).describe("push_* flags: told in the app (bell, live)"),
});

export const getNotificationSettingsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/accounts/{account_id}/notification_settings",
  summary: "The caller's notification settings: per kind, in the app (push flags) and/or by email digest (email flags)",
  tag: "Notifications",
  params: accountParams,
  responds: "notification_settings",
  response: notificationSettingsResponse,
});

export const updateNotificationSettingsEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/accounts/{account_id}/notification_settings",
  summary: "Change the caller's notification settings (flags not sent keep their value)",
  tag: "Notifications",
  params: accountParams,
  body: wrappedBody(
    "notification_settings",
    z.object({ selected_email_flags: z.array(z.string()).optional(), selected_push_flags: z.array(z.string()).optional() }),
  ),
  responds: "notification_settings",
  response: notificationSettingsResponse,
});
