import type { ConversationSummary } from "@/lib/conversations/types";
import type { ContactDetails } from "@/lib/contacts/contacts";
import type { MessageDetails, MessageSender } from "@/lib/messages/types";
import { channelTypeName } from "@/lib/api/serializers/channel";
import { unix, unixOrNull } from "@/lib/api/serializers/time";
import type { ChangedAttributes } from "../events";

/**
 * The objects Chatwoot nests in its webhook payloads, built from Postdesk's domain shapes: the
 * conversation (its event-data presenter), message, contact, user, inbox and account
 * "webhook data". Field names and types follow Chatwoot: Unix seconds where it sends them, the
 * message's `created_at` as an ISO time and `message_type` as a word in message events, the
 * integer enum inside a conversation's `messages`.
 */
export type Json = Record<string, unknown>;

const messageTypeNumber = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;
const senderTypeName = { contact: "Contact", user: "User", agent_bot: "AgentBot" } as const;

export const accountData = (account: { id: number; name: string }): Json => ({ id: account.id, name: account.name });

export const inboxData = (inbox: { id: number; name: string }): Json => ({ id: inbox.id, name: inbox.name });

/** A user as a webhook names it (Chatwoot's User#webhook_data). */
export const userData = (user: { id: number; name: string; email: string | null }): Json => ({
  id: user.id,
  name: user.name,
  email: user.email,
  type: "user",
});

/** An agent as realtime/typing events name it (User#push_event_data). */
export const userPushData = (user: { id: number; name: string; availability?: string | null }): Json => ({
  id: user.id,
  name: user.name,
  avatar_url: "",
  type: "user",
  availability_status: user.availability ?? "offline",
});

/** Contact#push_event_data: the conversation's meta.sender. */
export function contactPushData(c: ConversationSummary["contact"] & { additionalAttributes?: Json; customAttributes?: Json }): Json {
  return {
    additional_attributes: c.additionalAttributes ?? {},
    custom_attributes: c.customAttributes ?? {},
    email: c.email,
    id: c.id,
    identifier: c.identifier,
    name: c.name,
    phone_number: c.phoneNumber,
    thumbnail: c.thumbnail ?? "",
    type: "contact",
  };
}

/** Contact#webhook_data: the body of contact events and a message's contact sender. */
export function contactData(c: ContactDetails, account: { id: number; name: string }): Json {
  return {
    account: accountData(account),
    additional_attributes: c.additionalAttributes ?? {},
    avatar: c.thumbnail ?? "",
    custom_attributes: c.customAttributes ?? {},
    email: c.email,
    id: c.id,
    identifier: c.identifier,
    name: c.name,
    phone_number: c.phoneNumber,
    thumbnail: c.thumbnail ?? "",
    blocked: c.blocked ?? false,
    type: "contact",
  };
}

export type ContactInboxRow = { id: number; contactId: number; inboxId: number; sourceId: string; createdAt: Date; updatedAt: Date };

/** Conversation#webhook_data (Chatwoot's conversation event-data presenter), with the account. */
export function conversationData(
  c: ConversationSummary,
  extra: { account: { id: number; name: string }; contactInbox: ContactInboxRow | null; contact?: ContactDetails | null },
): Json {
  const last = c.lastMessage && !c.lastMessage.private && c.lastMessage.messageType !== "activity" ? c.lastMessage : null;
  return {
    additional_attributes: c.additionalAttributes,
    can_reply: true,
    muted: c.contact.blocked === true,
    channel: channelTypeName(c.inbox.channelType),
    contact_inbox: extra.contactInbox
      ? {
          id: extra.contactInbox.id,
          contact_id: extra.contactInbox.contactId,
          inbox_id: extra.contactInbox.inboxId,
          source_id: extra.contactInbox.sourceId,
          created_at: extra.contactInbox.createdAt.toISOString(),
          updated_at: extra.contactInbox.updatedAt.toISOString(),
          hmac_verified: false,
        }
      : null,
    id: c.displayId,
    inbox_id: c.inboxId,
    messages: last
      ? [
          {
            id: last.id,
            content: last.content,
            account_id: c.accountId,
            inbox_id: c.inboxId,
            conversation_id: c.displayId,
            message_type: messageTypeNumber[last.messageType],
            created_at: unix(last.createdAt),
            private: last.private,
            sender_type: last.senderType ? senderTypeName[last.senderType] : null,
            sender_id: last.senderId,
          },
        ]
      : [],
    labels: c.labels,
    meta: {
      sender: contactPushData({
        ...c.contact,
        additionalAttributes: extra.contact?.additionalAttributes ?? {},
        customAttributes: extra.contact?.customAttributes ?? {},
      }),
      assignee: c.assignee ? userPushData({ id: c.assignee.id, name: c.assignee.displayName || c.assignee.name, availability: c.assignee.availability }) : null,
      assignee_type: c.assignee ? "User" : null,
      team: c.team ? { id: c.team.id, name: c.team.name } : null,
      hmac_verified: false,
    },
    status: c.status,
    custom_attributes: c.customAttributes,
    snoozed_until: c.snoozedUntil ? c.snoozedUntil.toISOString() : null,
    unread_count: c.unreadCount,
    first_reply_created_at: c.firstReplyCreatedAt ? c.firstReplyCreatedAt.toISOString() : null,
    priority: c.priority,
    waiting_since: unixOrNull(c.waitingSince) ?? 0,
    agent_last_seen_at: unixOrNull(c.agentLastSeenAt) ?? 0,
    contact_last_seen_at: unixOrNull(c.contactLastSeenAt) ?? 0,
    last_activity_at: unix(c.lastActivityAt),
    timestamp: unix(c.lastActivityAt),
    created_at: unix(c.createdAt),
    updated_at: c.updatedAt.getTime() / 1000,
    account: accountData(extra.account),
    uuid: c.uuid,
  };
}

/** The sender of a message as Chatwoot's webhook data names it (contact, user or bot). */
export function senderData(sender: MessageSender | null, contact: ContactDetails | null, account: { id: number; name: string }): Json | null {
  if (!sender) return null;
  if (sender.type === "contact") return contact ? contactData(contact, account) : { id: sender.id, name: sender.name, email: sender.email, type: "contact" };
  if (sender.type === "user") return userData(sender);
  return { id: sender.id, name: sender.name, avatar_url: sender.thumbnail ?? "", type: "agent_bot" };
}

/** Message#webhook_data, nesting the conversation's webhook data. */
export function messageData(m: MessageDetails, extra: { account: { id: number; name: string }; inbox: { id: number; name: string }; conversation: Json; sender: Json | null }): Json {
  return {
    account: accountData(extra.account),
    additional_attributes: {},
    content_attributes: m.contentAttributes,
    content_type: m.contentType,
    content: m.content,
    conversation: extra.conversation,
    created_at: m.createdAt.toISOString(),
    id: m.id,
    inbox: inboxData(extra.inbox),
    message_type: m.messageType,
    private: m.private,
    sender: extra.sender,
    source_id: m.sourceId,
    attachments: [] as Json[],
  };
}

/** Chatwoot's `changed_attributes`: one object per attribute, `{attr: {previous_value, current_value}}`. */
export function changedAttributesData(changes: ChangedAttributes | undefined): Json[] {
  if (!changes) return [];
  return Object.entries(changes).map(([name, [previous, current]]) => ({
    [name]: { previous_value: jsonValue(previous), current_value: jsonValue(current) },
  }));
}

const jsonValue = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : (v ?? null));
