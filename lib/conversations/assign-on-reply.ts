import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { accounts, conversations } from "@/db/schema";
import type { AccountAccess } from "@/lib/accounts/access";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { actorName, insertActivityMessage } from "@/lib/messages/activity";
import { emitAssigneeChanged } from "@/lib/realtime/emit";
import { loadConversationSummary } from "./find-conversation";

/**
 * An agent's public reply to an unassigned conversation assigns it to them, as Chatwoot does,
 * unless the account switched it off (accounts.assign_on_reply). Runs inside the reply's
 * transaction, on the row it locked; bots and the system never take a conversation this way.
 */
export async function assignOnReply(
  tx: Tx,
  afterCommit: AfterCommit,
  access: AccountAccess,
  conversation: { id: number; accountId: number; inboxId: number; assigneeId: number | null; lastIncomingAt: Date | null },
): Promise<number | null> {
  const userId = access.userId;
  // A reply answers the customer: a conversation an agent opened, with nothing from the customer yet, stays as it is.
  if (userId === null || access.agentBotId !== undefined || conversation.assigneeId !== null || conversation.lastIncomingAt === null) return null;
  const [account] = await tx.select({ on: accounts.assignOnReply }).from(accounts).where(eq(accounts.id, access.accountId));
  if (!account?.on) return null;
  const updated = await tx
    .update(conversations)
    .set({ assigneeId: userId, assigneeLastSeenAt: null })
    .where(and(eq(conversations.accountId, access.accountId), eq(conversations.id, conversation.id), isNull(conversations.assigneeId)))
    .returning({ id: conversations.id });
  if (updated.length === 0) return null;
  const who = await actorName(tx, access);
  await insertActivityMessage(tx, conversation, `${who ?? "An agent"} self-assigned this conversation`);
  const summary = await loadConversationSummary(tx, access.accountId, conversation.id);
  emitAssigneeChanged(afterCommit, summary, null);
  await emitConversationChange(tx, afterCommit, {
    accountId: access.accountId,
    conversationId: conversation.id,
    events: ["conversation_updated"],
    changedAttributes: { assignee_id: [null, userId] },
    summary,
  });
  return userId;
}
