import type { z } from "zod";
import type { conversationResponse } from "../responses";
import type { ConversationSummary } from "@/lib/conversations/types";
import { serializeAssignee } from "./agent";
import { channelTypeName } from "./channel";
import { serializeAppliedSla } from "./sla";
import { isoOrNull, unix, unixOrNull } from "./time";

const messageTypeNumber = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;

/**
 * Chatwoot's conversation JSON. `id` is the display id (what Chatwoot clients put in URLs);
 * `messages` holds the last non-activity message, as in Chatwoot's list.
 */
export function serializeConversation(c: ConversationSummary): z.infer<typeof conversationResponse> {
  const last = c.lastMessage
    ? {
        id: c.lastMessage.id,
        content: c.lastMessage.content,
        account_id: c.accountId,
        inbox_id: c.inboxId,
        conversation_id: c.displayId,
        message_type: messageTypeNumber[c.lastMessage.messageType],
        created_at: unix(c.lastMessage.createdAt),
        private: c.lastMessage.private,
        sender_type: c.lastMessage.senderType === "contact" ? ("Contact" as const) : c.lastMessage.senderType === "user" ? ("User" as const) : null,
        sender_id: c.lastMessage.senderId,
      }
    : null;
  return {
    id: c.displayId,
    uuid: c.uuid,
    account_id: c.accountId,
    inbox_id: c.inboxId,
    status: c.status,
    priority: c.priority,
    // Chatwoot renders this one datetime as ISO 8601, unlike the other timestamps.
    snoozed_until: isoOrNull(c.snoozedUntil),
    unread_count: c.unreadCount,
    can_reply: true,
    // As Chatwoot: muted means the contact is blocked (mute blocks them, unmute unblocks).
    muted: c.contact.blocked === true,
    labels: c.labels,
    additional_attributes: c.additionalAttributes,
    custom_attributes: c.customAttributes,
    agent_last_seen_at: unixOrNull(c.agentLastSeenAt) ?? 0,
    assignee_last_seen_at: unixOrNull(c.assigneeLastSeenAt) ?? 0,
    contact_last_seen_at: unixOrNull(c.contactLastSeenAt) ?? 0,
    first_reply_created_at: unixOrNull(c.firstReplyCreatedAt),
    waiting_since: unixOrNull(c.waitingSince),
    last_activity_at: unix(c.lastActivityAt),
    timestamp: unix(c.lastActivityAt),
    created_at: unix(c.createdAt),
    updated_at: unix(c.updatedAt),
    messages: last ? [last] : [],
    last_non_activity_message: last,
    sla_policy_id: c.sla?.policyId ?? null,
    ...(c.sla ? { applied_sla: serializeAppliedSla(c.sla) } : {}),
    meta: {
      sender: {
        id: c.contact.id,
        name: c.contact.name,
        email: c.contact.email,
        phone_number: c.contact.phoneNumber,
        identifier: c.contact.identifier,
        thumbnail: c.contact.thumbnail ?? "",
        type: "contact",
      },
      channel: channelTypeName(c.inbox.channelType),
      assignee: c.assignee ? serializeAssignee(c.accountId, c.assignee) : null,
      ...(c.team ? { team: { id: c.team.id, name: c.team.name, account_id: c.accountId } } : {}),
      hmac_verified: false,
    },
  };
}
