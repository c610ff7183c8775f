import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { loadConversationSummary, findVisibleConversation } from "@/lib/conversations/find-conversation";
import { emitConversationUpdated } from "@/lib/realtime/emit";

/**
 * Marks a conversation unread again (Chatwoot's "mark as unread"): the agents' marker moves to
 * just before the newest customer message, so the row shows it unread with that message counted.
 * A conversation with no customer message stays as it is. The row goes out as an update (its
 * updated_at is the version), since a read event's version is the marker's time and this one is older.
 */
export async function markConversationUnread(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  await inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    if (!conversation.lastIncomingAt) return;
    await tx
      .update(conversations)
      .set({ agentLastSeenAt: sql`${conversations.lastIncomingAt} - interval '1 millisecond'`, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    emitConversationUpdated(afterCommit, await loadConversationSummary(tx, accountId, conversation.id));
  });
}
