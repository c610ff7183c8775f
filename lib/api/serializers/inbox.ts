import type { z } from "zod";
import type { inboxResponse } from "../responses";
import type { InboxDetails } from "@/lib/inboxes/inboxes";
import { channelTypeName } from "./channel";

/** Chatwoot's inbox JSON. The domain leaves the API channel's secrets null for non-administrators. */
export function serializeInbox(i: InboxDetails): z.infer<typeof inboxResponse> {
  return {
    id: i.id,
    account_id: i.accountId,
    name: i.name,
    channel_id: i.channelId,
    channel_type: channelTypeName(i.channelType),
    avatar_url: "",
    greeting_enabled: i.greetingEnabled,
    greeting_message: i.greetingMessage,
    enable_auto_assignment: i.enableAutoAssignment,
    allow_messages_after_resolved: i.allowMessagesAfterResolved,
    working_hours_enabled: false,
    csat_survey_enabled: false,
    enable_email_collect: false,
    lock_to_single_conversation: false,
    webhook_url: i.api?.webhookUrl ?? null,
    callback_webhook_url: i.api?.webhookUrl ?? null,
    hmac_mandatory: i.api?.hmacMandatory ?? false,
    ...(i.api?.identifier ? { inbox_identifier: i.api.identifier } : {}),
    ...(i.api?.hmacToken ? { hmac_token: i.api.hmacToken } : {}),
  };
}
