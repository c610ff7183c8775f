import type { z } from "zod";
import type { messageResponse } from "../responses";
import type { MessageDetails, MessageSender } from "@/lib/messages/types";
import type { AttachmentInfo } from "@/lib/messages/get-attachment";
import { serializeAttachment } from "./attachment";
import { unix, unixOrNull } from "./time";

// Chatwoot serialises message_type as its Rails enum integer.
const messageTypeNumber = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;
const senderTypeName = { contact: "Contact", user: "User", agent_bot: "AgentBot" } as const;

function serializeSender(s: MessageSender) {
  if (s.type === "contact") {
    return { id: s.id, name: s.name, email: s.email, thumbnail: s.thumbnail ?? "", type: "contact" as const };
  }
  return {
    id: s.id,
    name: s.name,
    available_name: s.name,
    avatar_url: s.thumbnail ?? "",
    thumbnail: s.thumbnail ?? "",
    type: s.type === "user" ? ("user" as const) : ("agent_bot" as const),
  };
}

/**
 * Chatwoot's message JSON; conversation_id is the conversation's display id, as in Chatwoot.
 * `attachments`: the files by message id (listMessageAttachments), read once for a whole page.
 */
export function serializeMessage(m: MessageDetails, attachments?: ReadonlyMap<number, AttachmentInfo[]>): z.infer<typeof messageResponse> {
  return {
    id: m.id,
    content: m.content,
    account_id: m.accountId,
    inbox_id: m.inboxId,
    conversation_id: m.conversationDisplayId,
    message_type: messageTypeNumber[m.messageType],
    content_type: m.contentType,
    // Chatwoot has no "sending": a message is "sent" until it is delivered or failed (email_delivery says more).
    status: m.status === "sending" ? "sent" : m.status,
    content_attributes: m.contentAttributes,
    created_at: unix(m.createdAt),
    updated_at: unix(m.updatedAt),
    private: m.private,
    source_id: m.sourceId,
    sender_type: m.senderType ? senderTypeName[m.senderType] : null,
    sender_id: m.senderId,
    external_source_ids: {},
    additional_attributes: {},
    processed_message_content: m.content,
    attachments: (attachments?.get(m.id) ?? []).map((a) => serializeAttachment(m.accountId, a)),
    ...(m.sender ? { sender: serializeSender(m.sender) } : {}),
    email_delivery: m.delivery
      ? {
          status: m.delivery.status,
          transport: m.delivery.transport,
          attempts: m.delivery.attempts,
          last_error: m.delivery.lastError,
          next_attempt_at: unixOrNull(m.delivery.nextAttemptAt),
        }
      : null,
  };
}
