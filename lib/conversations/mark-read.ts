import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { emitConversationRead } from "@/lib/realtime/emit";
import { findVisibleConversation } from "./find-conversation";

/**
 * Records that an agent has seen the conversation up to now, clearing its unread count; when the
 * reader is the assignee, their own marker moves too.
 */
export async function markConversationRead(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<{ agentLastSeenAt: Date }> {
  const access = await requireAccountAccess(db, actor, accountId);
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId);
    const now = new Date();
    const isAssignee = access.userId !== null && conversation.assigneeId === access.userId;
    await tx
      .update(conversations)
      .set({ agentLastSeenAt: now, ...(isAssignee ? { assigneeLastSeenAt: now } : {}) })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    // Unread counts are per conversation: every screen showing it drops its unread badge.
    emitConversationRead(afterCommit, conversation, now, access.userId);
    return { agentLastSeenAt: now };
  });
}
