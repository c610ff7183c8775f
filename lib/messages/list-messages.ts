import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { selectMessages, type MessagePageOptions } from "@/db/queries/messages";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { MessageDetails } from "./types";

/** Messages per page, as in Chatwoot's conversation messages endpoint. */
export const MESSAGES_PER_PAGE = 20;
/** Chatwoot's limits when catching up: after an id, and between two ids. */
export const MESSAGES_AFTER_LIMIT = 100;
export const MESSAGES_BETWEEN_LIMIT = 1000;

export const listMessagesInput = z.object({
  /** Only messages with an id lower than this (scrolling up the thread), as Chatwoot's `before`. */
  before: z.coerce.number().int().positive().optional(),
  /** Only messages with an id higher than this (catching up after a reconnect). */
  after: z.coerce.number().int().positive().optional(),
  /** Leave out private notes and activity lines (Chatwoot's filter_internal_messages). */
  filterInternalMessages: z.boolean().optional(),
});
export type ListMessagesInput = z.input<typeof listMessagesInput>;

/**
 * The newest page of a conversation's thread (or the page before `before`), oldest first, with
 * the conversation's summary for the header and contact panel. As Chatwoot: `after` gives the
 * OLDEST 100 messages after the id (so a client catching up misses none: it asks again from the
 * last one), and `after` with `before` everything from `after` (included) to `before`, up to 1000.
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
    selectMessages(db, accountId, conversation.id, pageOptions(input)),
  ]);
  return { conversation: summary, messages: list };
}

function pageOptions(input: z.infer<typeof listMessagesInput>): MessagePageOptions {
  const publicOnly = input.filterInternalMessages ?? false;
  if (input.after !== undefined && input.before !== undefined) {
    return { afterId: input.after - 1, beforeId: input.before, limit: MESSAGES_BETWEEN_LIMIT, oldestFirst: true, publicOnly };
  }
  if (input.after !== undefined) return { afterId: input.after, limit: MESSAGES_AFTER_LIMIT, oldestFirst: true, publicOnly };
  return { beforeId: input.before, limit: MESSAGES_PER_PAGE, publicOnly };
}
