import type { DbOrTx } from "@/db/client";
import type { Conversation } from "@/db/schema";
import { selectMessages, selectThreadAttachments } from "@/db/queries/messages";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { openConversationWithContactOthers } from "@/lib/contacts/contact-conversations";
import { findVisibleConversation } from "@/lib/conversations/find-conversation";
import { notFound } from "@/lib/errors";
import type { ConversationSummary } from "@/lib/conversations/types";
import { replyRecipientsFor, type ReplyRecipients } from "@/lib/email/compose/reply-recipients";
import { assignableAgentsOf, type InboxMember } from "@/lib/inboxes/members";
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
  /** The contact's other conversations the actor may see, the newest PREVIOUS_CONVERSATIONS_SHOWN. */
  previous: ConversationSummary[];
  /** An email conversation's reply recipients; null for other channels. */
  recipients: ReplyRecipients | null;
};

/** The contact panel lists this many of the contact's other conversations. */
export const PREVIOUS_CONVERSATIONS_SHOWN = 5;

/**
 * Everything the open conversation shows, read — never written: opening a conversation does not
 * mark it read (the screen asks for that separately, markConversationRead). After the visibility
 * check, every other read goes out at once (one round trip: the parts below take the checked
 * conversation instead of looking it up again), and their number does not grow with the thread.
 */
export async function loadConversationThread(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ListMessagesInput = {},
): Promise<ConversationThread> {
  return openConversationThread(db, actor, accountId, displayId, params).thread;
}

/**
 * loadConversationThread, with the visible conversation given as soon as it is known, so the
 * screen starts its own reads of it (the contact's labels) beside the thread's.
 */
export function openConversationThread(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ListMessagesInput = {},
): { conversation: Promise<Conversation>; thread: Promise<ConversationThread> } {
  const visible = (async () => {
    const access = await requireAccountAccess(db, actor, accountId);
    return { access, conversation: await findVisibleConversation(db, access, displayId) };
  })();
  const thread = visible.then(async ({ access, conversation }) => {
    const input = parseInput(listMessagesInput, params);
    const page = { beforeId: input.before, afterId: input.after, limit: MESSAGES_PER_PAGE };
    const [{ summary, others }, messages, attachmentRows, members, recipients] = await Promise.all([
      openConversationWithContactOthers(db, access, conversation, PREVIOUS_CONVERSATIONS_SHOWN),
      selectMessages(db, accountId, conversation.id, page),
      selectThreadAttachments(db, accountId, conversation.id, page),
      assignableAgentsOf(db, accountId, conversation.inboxId),
      replyRecipientsFor(db, accountId, conversation),
    ]);
    // Deleted between the two reads.
    if (!summary) throw notFound("Conversation");
    const attachments = new Map<number, AttachmentInfo[]>();
    for (const row of attachmentRows) attachments.set(row.messageId, [...(attachments.get(row.messageId) ?? []), row]);
    return {
      conversation: summary,
      messages,
      attachments,
      members,
      previous: others,
      recipients,
    };
  });
  return { conversation: visible.then((v) => v.conversation), thread };
}
