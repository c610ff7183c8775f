import type { ContactDetails } from "@/lib/contacts/contacts";
import type { ClientContactDetails } from "@/lib/client-api/contacts";
import type { ClientConversation, ClientMessage } from "@/lib/client-api/conversations";
import type { ClientInbox } from "@/lib/client-api/caller";
import type { Conversation } from "@/db/schema";
import { unix } from "./time";

/**
 * The Client API's JSON (Chatwoot's public views): what a contact may see of its inbox, itself,
 * its conversations and their public messages. `message_type` is Chatwoot's integer, times are
 * unix seconds, a conversation's `id` is its display id.
 */
const messageTypeNumber = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;

export function serializeClientInbox(inbox: ClientInbox) {
  return {
    identifier: inbox.identifier,
    name: inbox.name,
    timezone: "UTC",
    working_hours: [] as unknown[],
    working_hours_enabled: false,
    csat_survey_enabled: false,
    greeting_enabled: inbox.greetingEnabled,
    greeting_message: inbox.greetingMessage,
    identity_validation_enabled: inbox.hmacMandatory,
  };
}

/** POST / GET contacts: the contact with its session in the inbox. */
export function serializeClientContact({ contactInbox, contact }: ClientContactDetails) {
  return {
    id: contact.id,
    source_id: contactInbox.sourceId,
    pubsub_token: contactInbox.pubsubToken ?? "",
    name: contact.name,
    email: contact.email,
    phone_number: contact.phoneNumber,
  };
}

/** PATCH contacts: the contact record (Chatwoot answers with the model's JSON). */
export function serializeClientContactRecord(c: ContactDetails) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone_number: c.phoneNumber,
    identifier: c.identifier,
    blocked: false,
    additional_attributes: c.additionalAttributes,
    custom_attributes: c.customAttributes,
    contact_type: null,
    country_code: null,
    last_activity_at: c.lastActivityAt ? c.lastActivityAt.toISOString() : null,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    account_id: c.accountId,
    label_list: [] as string[],
  };
}

function attachmentUrl(m: ClientMessage, attachmentId: number, path: { inboxIdentifier: string; sourceId: string }): string {
  const base = `/public/api/v1/inboxes/${encodeURIComponent(path.inboxIdentifier)}/contacts/${encodeURIComponent(path.sourceId)}`;
  return `${base}/conversations/${m.conversationDisplayId}/messages/${m.id}/attachments/${attachmentId}`;
}

export function serializeClientMessage(m: ClientMessage, path: { inboxIdentifier: string; sourceId: string } | null) {
  const sender = m.sender
    ? m.sender.type === "contact"
      ? { id: m.sender.id, name: m.sender.name, email: m.sender.email, thumbnail: m.sender.thumbnail ?? "", type: "contact" as const }
      : { id: m.sender.id, name: m.sender.name, available_name: m.sender.name, avatar_url: "", thumbnail: "", type: m.sender.type }
    : undefined;
  return {
    id: m.id,
    content: m.content,
    message_type: messageTypeNumber[m.messageType],
    content_type: m.contentType,
    content_attributes: m.contentAttributes,
    created_at: unix(m.createdAt),
    conversation_id: m.conversationDisplayId,
    ...(m.attachments.length > 0
      ? {
          attachments: m.attachments.map((a) => ({
            id: a.id,
            message_id: a.messageId,
            file_type: fileType(a.contentType),
            account_id: m.accountId,
            extension: a.fileName.includes(".") ? (a.fileName.split(".").pop() ?? null) : null,
            data_url: path ? attachmentUrl(m, a.id, path) : null,
            thumb_url: "",
            file_size: a.byteSize,
            fallback_title: a.fileName,
          })),
        }
      : {}),
    ...(sender ? { sender } : {}),
  };
}

const fileType = (contentType: string) => {
  const major = contentType.split("/")[0]?.toLowerCase();
  return major === "image" || major === "audio" || major === "video" ? major : "file";
};

export function serializeClientConversation(c: ClientConversation, path: { inboxIdentifier: string; sourceId: string }) {
  return {
    ...conversationFields(c.conversation),
    messages: c.messages.map((m) => serializeClientMessage(m, path)),
    contact: { id: c.contact.id, name: c.contact.name, email: c.contact.email, phone_number: c.contact.phoneNumber },
  };
}

export function conversationFields(c: Conversation) {
  return {
    id: c.displayId,
    uuid: c.uuid,
    inbox_id: c.inboxId,
    contact_last_seen_at: c.contactLastSeenAt ? unix(c.contactLastSeenAt) : 0,
    status: c.status,
    agent_last_seen_at: c.agentLastSeenAt ? unix(c.agentLastSeenAt) : 0,
  };
}
