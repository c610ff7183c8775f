import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { selectMessages } from "@/db/queries/messages";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { MessageDetails } from "./types";

/** Messages per page, as in Chatwoot's conversation messages endpoint. */
export const MESSAGES_PER_PAGE = 20;

export const listMessagesInput = z.object({
  /** Only messages with an id lower than this (scrolling up the thread), as Chatwoot's `before`. */
  before: z.coerce.number().int().positive().optional(),
  /** Only messages with an id higher than this (catching up after a reconnect). */
  after: z.coerce.number().int().positive().optional(),
});
export type ListMessagesInput = z.input<typeof listMessagesInput>;

/**
 * The newest page of a conversation's thread (or the page before `before`), oldest first, with
 * the conversation's summary for the header and contact panel.
 */
export async function listMessages(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ListMessagesInput = {},
): Promise<{ conversation: ConversationSummary; messages: MessageDetails[] }> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(listMessagesInput, params);
  const conversation = await findVisibleConversation(db, access, displayId);
  const [summary, list] = await Promise.all([
    loadConversationSummary(db, accountId, conversation.id),
    selectMessages(db, accountId, conversation.id, { beforeId: input.before, afterId: input.after, limit: MESSAGES_PER_PAGE }),
  ]);
  return { conversation: summary, messages: list };
}
