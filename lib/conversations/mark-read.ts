import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { findVisibleConversation } from "./find-conversation";

/**
 * Records that an agent has seen the conversation up to now, clearing its unread count; when the
 * reader is the assignee, their own marker moves too.
 */
export async function markConversationRead(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<{ agentLastSeenAt: Date }> {
  const access = await requireAccountAccess(db, actor, accountId);
  const conversation = await findVisibleConversation(db, access, displayId);
  const now = new Date();
  const isAssignee = access.userId !== null && conversation.assigneeId === access.userId;
  await db
    .update(conversations)
    .set({ agentLastSeenAt: now, ...(isAssignee ? { assigneeLastSeenAt: now } : {}) })
    .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
  return { agentLastSeenAt: now };
}
