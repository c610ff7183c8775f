import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations, type Conversation } from "@/db/schema";
import { selectConversationSummaries } from "@/db/queries/conversation-summaries";
import { canSeeInbox, type AccountAccess } from "@/lib/accounts/access";
import { canSeeConversation } from "@/lib/accounts/conversation-visibility";
import { notFound } from "@/lib/errors";
import type { ConversationSummary } from "./types";

/**
 * The conversation with this display id if the actor may see it. An agent asking for a
 * conversation of an inbox they are not a member of gets "not found", as for one that does not
 * exist. Pass `lock` inside a transaction that is about to change the row.
 */
export async function findVisibleConversation(
  db: DbOrTx,
  access: AccountAccess,
  displayId: number,
  options: { lock?: boolean } = {},
): Promise<Conversation> {
  if (!Number.isSafeInteger(displayId) || displayId <= 0) throw notFound("Conversation");
  const query = db
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, access.accountId), eq(conversations.displayId, displayId)))
    .limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw notFound("Conversation");
  await assertCanSeeInbox(db, access, row.inboxId);
  if (!(await canSeeConversation(db, access, row))) throw notFound("Conversation");
  return row;
}

export async function assertCanSeeInbox(db: DbOrTx, access: AccountAccess, inboxId: number): Promise<void> {
  if (!(await canSeeInbox(db, access, inboxId))) throw notFound("Conversation");
}

/** The summary (contact, inbox, assignee, last message, unread) of one conversation by row id. */
export async function loadConversationSummary(db: DbOrTx, accountId: number, conversationId: number): Promise<ConversationSummary> {
  const [summary] = await selectConversationSummaries(db, accountId, eq(conversations.id, conversationId), sql``);
  if (!summary) throw notFound("Conversation");
  return summary;
}
