import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations, emailDeliveries, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { canSeeConversation } from "@/lib/accounts/conversation-visibility";
import { assertCanSeeInbox } from "@/lib/conversations/find-conversation";
import { invalid, notFound } from "@/lib/errors";
import { mailSendRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { inTransaction } from "@/db/transaction";

/**
 * The agent's "Retry" on an email that failed to send: the delivery goes back to the queue with
 * a fresh attempt count and the send job is asked again. The stored bytes (and so the Message-ID
 * the customer's client threads on) stay the same. Anyone who can see the conversation may retry.
 */
export async function retryEmailDelivery(db: DbOrTx, actor: Actor, accountId: number, messageId: number): Promise<{ status: "sending" }> {
  const access = await requireAccountAccess(db, actor, accountId);
  await inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({ inboxId: messages.inboxId, conversationId: messages.conversationId, deliveryId: emailDeliveries.id, status: emailDeliveries.status })
      .from(messages)
      .innerJoin(emailDeliveries, and(eq(emailDeliveries.accountId, messages.accountId), eq(emailDeliveries.messageId, messages.id)))
      .where(and(eq(messages.accountId, accountId), eq(messages.id, messageId)))
      .for("update")
      .limit(1);
    if (!row) throw notFound("Message");
    await assertCanSeeInbox(tx, access, row.inboxId);
    const [conversation] = await tx
      .select({ id: conversations.id, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, row.conversationId)));
    if (!conversation || !(await canSeeConversation(tx, access, conversation))) throw notFound("Message");
    if (row.status !== "failed") throw invalid("Only a message that failed to send can be retried");
    await tx
      .update(emailDeliveries)
      .set({ status: "queued", attempts: 0, lastError: null, nextAttemptAt: null, updatedAt: sql`now()` })
      .where(and(eq(emailDeliveries.accountId, accountId), eq(emailDeliveries.id, row.deliveryId)));
    await tx
      .update(messages)
      .set({ status: "sending", contentAttributes: sql`${messages.contentAttributes} - 'external_error'`, updatedAt: sql`now()` })
      .where(and(eq(messages.accountId, accountId), eq(messages.id, messageId)));
  });
  await sendEvent(mailSendRequested.create({ accountId, messageId }));
  return { status: "sending" };
}
