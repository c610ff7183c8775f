import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, requireAccountAccess } from "@/lib/accounts/access";
import { canSeeConversation } from "@/lib/accounts/conversation-visibility";
import { isAppError, notFound } from "@/lib/errors";

/**
 * One message the actor may see: of this account, in an inbox the agent is a member of
 * (administrators see all). Anything else is "not found", so ids cannot be probed.
 */
export async function findVisibleMessage(db: DbOrTx, actor: Actor, accountId: number, messageId: number) {
  const access = await requireAccountAccess(db, actor, accountId);
  if (!Number.isSafeInteger(messageId) || messageId <= 0) throw notFound("Message");
  const [message] = await db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      inboxId: messages.inboxId,
      messageType: messages.messageType,
      contentAttributes: messages.contentAttributes,
      assigneeId: conversations.assigneeId,
    })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId)))
    .where(and(eq(messages.accountId, accountId), eq(messages.id, messageId)))
    .limit(1);
  if (!message) throw notFound("Message");
  await assertInboxAccess(db, access, message.inboxId).catch((error: unknown) => {
    throw isAppError(error) && error.code === "not_found" ? notFound("Message") : error;
  });
  if (!(await canSeeConversation(db, access, { id: message.conversationId, assigneeId: message.assigneeId }))) throw notFound("Message");
  return { access, message };
}
