import type { NewMessageNotice } from "@/lib/notifications/new-message";
import type { ConversationStatus } from "@/lib/conversations/types";

/**
 * What a customer's incoming message does to its conversation — the one source of these rules
 * for the one-message path (writeMessage) and the email import's set-based batch writes
 * (lib/email/ingest/import-batch.ts), so the two cannot drift apart:
 *   - it starts the "waiting since" clock when it is not running;
 *   - it reopens a resolved or snoozed conversation, with the activity line REOPENED_ACTIVITY
 *     (and the snooze cleared);
 *   - it tells the assignee and the followers (lib/notifications/new-message.ts).
 * Imported history and automatic replies (`keepStatus`) do none of these: they are not news.
 */
export const REOPENED_ACTIVITY = "Conversation was reopened";

export type IncomingConversationState = {
  id: number;
  displayId: number;
  inboxId: number;
  status: ConversationStatus;
  waitingSince: Date | null;
  assigneeId: number | null;
};

export type IncomingEffects = {
  /** Set waiting_since to the message's time. */
  startsWaiting: boolean;
  /** Status becomes open, snoozed_until null, and REOPENED_ACTIVITY is written after the message. */
  reopens: boolean;
  /** For the assignee and the followers (one statement, written with the message). */
  notification: NewMessageNotice | null;
};

/** A customer's message reopens a conversation in these states (unless it keeps the status). */
export const reopensOnIncoming = (status: ConversationStatus): boolean => status === "resolved" || status === "snoozed";

export function incomingMessageEffects(
  accountId: number,
  conversation: IncomingConversationState,
  message: { keepStatus: boolean; content: string },
): IncomingEffects {
  if (message.keepStatus) return { startsWaiting: false, reopens: false, notification: null };
  return {
    startsWaiting: conversation.waitingSince === null,
    reopens: reopensOnIncoming(conversation.status),
    notification: {
      conversation: { id: conversation.id, displayId: conversation.displayId, inboxId: conversation.inboxId, assigneeId: conversation.assigneeId },
      senderUserId: null,
      content: message.content,
    },
  };
}
