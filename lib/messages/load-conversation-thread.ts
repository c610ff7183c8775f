import type { DbOrTx } from "@/db/client";
import { selectMessages, selectThreadAttachments } from "@/db/queries/messages";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { listContactConversations } from "@/lib/contacts/contact-conversations";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import { getReplyRecipients, type ReplyRecipients } from "@/lib/email/compose/reply-recipients";
import { listAssignableAgents, type InboxMember } from "@/lib/inboxes/members";
import type { AttachmentInfo } from "./get-attachment";
import { listMessagesInput, MESSAGES_PER_PAGE, type ListMessagesInput } from "./list-messages";
import type { MessageDetails } from "./types";

export type ConversationThread = {
  conversation: ConversationSummary;
  /** One page of the thread, oldest first (as listMessages). */
  messages: MessageDetails[];
  /** The shown messages' attachments, by message id: loaded once for the page, never per message. */
  attachments: Map<number, AttachmentInfo[]>;
  /** Who the conversation can be assigned to: the inbox's members, then administrators who are not members. */
  members: InboxMember[];
  /** The contact's other conversations the actor may see. */
  previous: ConversationSummary[];
  /** An email conversation's reply recipients; null for other channels. */
  recipients: ReplyRecipients | null;
};

/**
 * Everything the open conversation shows, read — never written: opening a conversation does not
 * mark it read (the screen asks for that separately, markConversationRead). After the visibility
 * check, the independent reads run in parallel, and their number does not grow with the thread.
 */
export async function loadConversationThread(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ListMessagesInput = {},
): Promise<ConversationThread> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(listMessagesInput, params);
  const conversation = await findVisibleConversation(db, access, displayId);
  const page = { beforeId: input.before, afterId: input.after, limit: MESSAGES_PER_PAGE };
  const [summary, messages, attachmentRows, members, contactConversations, recipients] = await Promise.all([
    loadConversationSummary(db, accountId, conversation.id),
    selectMessages(db, accountId, conversation.id, page),
    selectThreadAttachments(db, accountId, conversation.id, page),
    listAssignableAgents(db, actor, accountId, conversation.inboxId),
    listContactConversations(db, actor, accountId, conversation.contactId),
    getReplyRecipients(db, actor, accountId, displayId),
  ]);
  const attachments = new Map<number, AttachmentInfo[]>();
  for (const row of attachmentRows) attachments.set(row.messageId, [...(attachments.get(row.messageId) ?? []), row]);
  return {
    conversation: summary,
    messages,
    attachments,
    members,
    previous: contactConversations.filter((c) => c.id !== conversation.id),
    recipients,
  };
}
