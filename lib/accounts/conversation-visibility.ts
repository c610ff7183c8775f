import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversationFollowers, conversations } from "@/db/schema";
import type { AccountAccess } from "./access";
import { conversationVisibility, type ConversationVisibility } from "./permissions";

/**
 * The one predicate every conversation list, count and search adds for a member whose custom role
 * narrows what they see within their inboxes (the inbox filter itself stays where it was:
 * accessibleInboxIds). `alias`: how the query names the conversations table — `conversations` for
 * Drizzle's builders, `c` in hand-written SQL. Undefined when nothing narrows (administrators,
 * plain agents, conversation_manage); `false` when the role grants no conversation at all.
 *
 * Served by indexes: "assigned to me" and "unassigned" are ranges of conversations_assignee_list_idx,
 * "follows" probes conversation_followers' unique key per row.
 */
export function conversationVisibilitySql(access: AccountAccess, alias: SQL = sql`${conversations}`): SQL | undefined {
  const visibility = conversationVisibility(access);
  if (visibility === "all") return undefined;
  if (visibility === "none" || access.userId === null) return sql`false`;
  const me = access.userId;
  const parts: SQL[] = [sql`${alias}.assignee_id = ${me}`];
  if (visibility.unassigned) parts.push(sql`${alias}.assignee_id is null`);
  if (visibility.participating) {
    parts.push(sql`exists (select 1 from conversation_followers f
      where f.account_id = ${alias}.account_id and f.conversation_id = ${alias}.id and f.user_id = ${me})`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Does the actor's role narrow conversations within their inboxes (so lists cannot use per-inbox counters as they are)? */
export const narrowsConversations = (access: AccountAccess): boolean => conversationVisibility(access) !== "all";

/**
 * The rule itself, for a conversation whose assignee is known and whether the member follows it:
 * what canSeeConversation asks, and what live updates ask for each member after a change
 * (lib/realtime/narrowed-audience.ts).
 */
export function seesConversationAs(
  visibility: ConversationVisibility,
  userId: number,
  conversation: { assigneeId: number | null; follows: boolean },
): boolean {
  if (visibility === "all") return true;
  if (visibility === "none") return false;
  if (conversation.assigneeId === userId) return true;
  if (visibility.unassigned && conversation.assigneeId === null) return true;
  return visibility.participating && conversation.follows;
}

/**
 * The same rule for one conversation already read (its inbox was checked): the conversation
 * page, its actions, messages and attachments. At most one query, and only for a member who
 * sees participating conversations and is not the assignee.
 */
export async function canSeeConversation(
  db: DbOrTx,
  access: AccountAccess,
  conversation: { id: number; assigneeId: number | null },
): Promise<boolean> {
  const visibility = conversationVisibility(access);
  if (visibility === "all") return true;
  if (visibility === "none" || access.userId === null) return false;
  if (seesConversationAs(visibility, access.userId, { assigneeId: conversation.assigneeId, follows: false })) return true;
  if (!visibility.participating) return false;
  const [row] = await db
    .select({ id: conversationFollowers.id })
    .from(conversationFollowers)
    .where(
      and(
        eq(conversationFollowers.accountId, access.accountId),
        eq(conversationFollowers.conversationId, conversation.id),
        eq(conversationFollowers.userId, access.userId),
      ),
    )
    .limit(1);
  return row !== undefined;
}
