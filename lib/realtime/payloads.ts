import type { ConversationStatus, ConversationSummary } from "@/lib/conversations/types";
import type { MessageDetails } from "@/lib/messages/types";
import type { NotificationDetails } from "@/lib/notifications/types";

/**
 * Event names and payloads. Every payload carries `version`: the updated_at (ms since the epoch)
 * of the thing it describes (conversation.read: the new agent_last_seen_at). A client keeps the
 * highest version it has applied per conversation / message and ignores events with a lower one,
 * so late deliveries never roll a screen back. A payload too big for Pusher (10 KB) is sent
 * without its bulky parts and `partial: true`: the client refetches that one item.
 */
export const REALTIME_EVENTS = [
  "conversation.created",
  "conversation.updated",
  "conversation.status_changed",
  "assignee.changed",
  "conversation.hidden",
  "conversation.read",
  "message.created",
  "message.updated",
  "presence.update",
  "notification.created",
  "inbox.deleted",
  "inbox.polled",
  "inbox.agent_bot_changed",
  "contact.blocked_changed",
  "bulk_action.progress",
  "conversation.typing_on",
  "conversation.typing_off",
  "conversation.contact_typing",
] as const;
export type RealtimeEventName = (typeof REALTIME_EVENTS)[number];

/** What JSON makes of a value: Dates become ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Wire<U>>
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type ConversationPayload = {
  accountId: number;
  conversation: Wire<ConversationSummary>;
  version: number;
  partial?: true;
};
export type StatusChangedPayload = ConversationPayload & { previousStatus: ConversationStatus };
export type AssigneeChangedPayload = ConversationPayload & { previousAssigneeId: number | null };
/**
 * A file of a message in Chatwoot's attachment fields (`id`, `message_id`, `file_type`,
 * `data_url`, `thumb_url`, `file_size`, `extension`…), with its name and type for the thread.
 */
export type AttachmentWire = {
  id: number;
  message_id: number;
  account_id: number;
  file_type: string;
  extension: string | null;
  data_url: string;
  thumb_url: string;
  file_size: number;
  width: number | null;
  height: number | null;
  file_name: string;
  content_type: string;
};
export type MessagePayload = {
  accountId: number;
  conversationDisplayId: number;
  /** `attachments`: on message.created of a message stored with files (absent otherwise). */
  message: Wire<MessageDetails> & { attachments?: AttachmentWire[] };
  version: number;
  partial?: true;
};
/**
 * A conversation the recipient could see a moment ago and may no longer (a member whose custom
 * role narrows what they see, on their member channel: assigned to someone else). Ids only: the
 * change that hid it is none of their business. `version` is the conversation's updated_at, so
 * older row events of it that arrive later are dropped (it is keyed like the row).
 */
export type ConversationHiddenPayload = {
  accountId: number;
  conversation: { id: number; displayId: number; inboxId: number };
  version: number;
};
export type ConversationReadPayload = {
  accountId: number;
  conversationId: number;
  conversationDisplayId: number;
  inboxId: number;
  agentLastSeenAt: string;
  /** Who read it (null: the system). */
  userId: number | null;
  version: number;
};

/**
 * Agents' availability in one account, on the account channel. `users` maps user ids to their
 * availability; `version` (the membership's updated_at in ms) orders changes per user.
 */
export type PresencePayload = {
  accountId: number;
  users: Record<string, "online" | "busy" | "offline">;
  version: number;
};

/** A personal notification, on its recipient's user channel only. */
export type NotificationPayload = {
  accountId: number;
  notification: Wire<NotificationDetails>;
  version: number;
};

/**
 * An inbox and its conversations are gone, on that inbox's own channel (exactly the screens that
 * show them). No item of its own to order: `version` is the deletion time.
 */
export type InboxDeletedPayload = { accountId: number; inboxId: number; version: number };
/** The bot that answers an inbox changed (null: none): open inbox settings follow it. */
export type InboxAgentBotChangedPayload = { accountId: number; inboxId: number; agentBotId: number | null; version: number };
/** A contact blocked or unblocked (their conversations' "Muted"); version: the contact's updated_at. */
export type ContactBlockedChangedPayload = { accountId: number; contactId: number; blocked: boolean; version: number };

/**
 * A poll someone waits for ("Poll now") has finished, on the inbox's channel: the button shows
 * the result in words (lib/inboxes/poll-result-words.ts) and the health panel refreshes.
 * `requestId` is the one the request returned; `version` is the finish time.
 */
export type InboxPolledPayload = {
  accountId: number;
  inboxId: number;
  requestId: string;
  ok: boolean;
  imported: number;
  quarantined: number;
  /** The per-poll limit was reached: the rest follows in the next polls. */
  more: boolean;
  error: string | null;
  version: number;
};

export type RealtimePayloads = {
  "conversation.created": ConversationPayload;
  "conversation.updated": ConversationPayload;
  "conversation.status_changed": StatusChangedPayload;
  "assignee.changed": AssigneeChangedPayload;
  "conversation.hidden": ConversationHiddenPayload;
  "conversation.read": ConversationReadPayload;
  "message.created": MessagePayload;
  "message.updated": MessagePayload;
  "presence.update": PresencePayload;
  "notification.created": NotificationPayload;
  "inbox.deleted": InboxDeletedPayload;
  "inbox.agent_bot_changed": InboxAgentBotChangedPayload;
  "contact.blocked_changed": ContactBlockedChangedPayload;
  "inbox.polled": InboxPolledPayload;
  "bulk_action.progress": BulkActionProgressPayload;
  "conversation.typing_on": AgentTypingPayload;
  "conversation.typing_off": AgentTypingPayload;
  "conversation.contact_typing": ContactTypingPayload;
};

/**
 * An agent typing, relayed by the server to those who cannot hear the agents' client events
 * (members whose custom role narrows what they see, and everyone when such a member types):
 * lib/realtime/typing.ts. Not stored, no version.
 */
export type AgentTypingPayload = { accountId: number; conversationDisplayId: number; userId: number; private: boolean };
/** The contact typing (Client API toggle_typing), on the inbox channel and narrowed members' channels. Not stored, no version. */
export type ContactTypingPayload = { accountId: number; conversationDisplayId: number; contactId: number; typing: boolean };

/** A bulk action's progress, on the user channel of the agent who started it (lib/bulk-actions). */
export type BulkActionProgressPayload = { runId: string; total: number; done: number; failed: number; finished: boolean };

/** Pusher refuses event data over 10 KB; we keep a margin. */
export const MAX_PAYLOAD_BYTES = 9_000;
/** A list row shows a line of the last message, not all of it. */
const PREVIEW_CHARS = 300;

const wire = <T>(value: T): Wire<T> => JSON.parse(JSON.stringify(value)) as Wire<T>;
const fits = (payload: unknown) => Buffer.byteLength(JSON.stringify(payload)) <= MAX_PAYLOAD_BYTES;

function conversationWire(summary: ConversationSummary): { conversation: Wire<ConversationSummary>; partial: boolean } {
  const conversation = wire(summary);
  if (conversation.lastMessage?.content && conversation.lastMessage.content.length > PREVIEW_CHARS) {
    conversation.lastMessage.content = conversation.lastMessage.content.slice(0, PREVIEW_CHARS);
  }
  if (conversation.preview?.content && conversation.preview.content.length > PREVIEW_CHARS) {
    conversation.preview.content = conversation.preview.content.slice(0, PREVIEW_CHARS);
  }
  if (fits(conversation)) return { conversation, partial: false };
  // Attributes (email headers, integrations' data) are what grows; the row does not need them.
  return { conversation: { ...conversation, additionalAttributes: {}, customAttributes: {} }, partial: true };
}

export function conversationPayload(summary: ConversationSummary): ConversationPayload {
  const { conversation, partial } = conversationWire(summary);
  return { accountId: summary.accountId, conversation, version: summary.updatedAt.getTime(), ...(partial ? { partial: true as const } : {}) };
}

export function statusChangedPayload(summary: ConversationSummary, previousStatus: ConversationStatus): StatusChangedPayload {
  return { ...conversationPayload(summary), previousStatus };
}

export function assigneeChangedPayload(summary: ConversationSummary, previousAssigneeId: number | null): AssigneeChangedPayload {
  return { ...conversationPayload(summary), previousAssigneeId };
}

export function messagePayload(message: MessageDetails, attachments?: AttachmentWire[]): MessagePayload {
  const payload: MessagePayload = {
    accountId: message.accountId,
    conversationDisplayId: message.conversationDisplayId,
    message: attachments && attachments.length > 0 ? { ...wire(message), attachments } : wire(message),
    version: message.updatedAt.getTime(),
  };
  if (fits(payload)) return payload;
  // A long email: the thread fetches it (GET messages?after=...) when it sees `partial`.
  return { ...payload, message: { ...payload.message, content: null, contentHtml: null, contentAttributes: {} }, partial: true };
}

export function conversationHiddenPayload(summary: { accountId: number; id: number; displayId: number; inboxId: number; updatedAt: Date }): ConversationHiddenPayload {
  return { accountId: summary.accountId, conversation: { id: summary.id, displayId: summary.displayId, inboxId: summary.inboxId }, version: summary.updatedAt.getTime() };
}

export function conversationReadPayload(
  conversation: { accountId: number; id: number; displayId: number; inboxId: number },
  agentLastSeenAt: Date,
  userId: number | null,
): ConversationReadPayload {
  return {
    accountId: conversation.accountId,
    conversationId: conversation.id,
    conversationDisplayId: conversation.displayId,
    inboxId: conversation.inboxId,
    agentLastSeenAt: agentLastSeenAt.toISOString(),
    userId,
    version: agentLastSeenAt.getTime(),
  };
}

export function presencePayload(change: { accountId: number; userId: number; availability: "online" | "busy" | "offline"; version: number }): PresencePayload {
  return { accountId: change.accountId, users: { [String(change.userId)]: change.availability }, version: change.version };
}

export function notificationPayload(notification: NotificationDetails): NotificationPayload {
  // Titles and bodies are short previews (lib/notifications), so the payload always fits.
  return { accountId: notification.accountId, notification: wire(notification), version: notification.createdAt.getTime() };
}

/** For clients: true when an event should be applied over what is shown (version `current`). */
export const isNewer = (version: number, current: number | undefined) => current === undefined || version >= current;
