import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversationFollowers, conversations, mentions } from "@/db/schema";

/** Chatwoot's conversation_type views: where the caller was @mentioned, or which they follow. */
export const CONVERSATION_TYPES = ["mention", "participating"] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

/**
 * The condition of a conversation_type view, read through the user's index (mentions_user_idx,
 * conversation_followers_user_idx): a semi-join, never a per-row lookup.
 */
export function conversationTypeCondition(db: DbOrTx, accountId: number, userId: number | null, type: ConversationType): SQL {
  if (userId === null) return sql`false`;
  const ids =
    type === "mention"
      ? db.select({ id: mentions.conversationId }).from(mentions).where(and(eq(mentions.accountId, accountId), eq(mentions.userId, userId)))
      : db
          .select({ id: conversationFollowers.conversationId })
          .from(conversationFollowers)
          .where(and(eq(conversationFollowers.accountId, accountId), eq(conversationFollowers.userId, userId)));
  return inArray(conversations.id, ids);
}
