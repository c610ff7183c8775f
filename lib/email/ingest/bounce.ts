import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailDeliveries, messages } from "@/db/schema";

/**
 * A delivery failure report (DSN, RFC 3464) for mail we sent from this inbox: the original
 * outgoing message becomes `failed` with the reason (content_attributes.external_error, as
 * Chatwoot shows it) and its delivery record too. Bounces never create conversations.
 * Returns the id of the message marked failed, or null when the bounce names no message of ours.
 */
export async function markOriginalBounced(
  tx: DbOrTx,
  scope: { accountId: number; inboxId: number },
  bounce: { originalMessageId: string | null; reason: string },
): Promise<number | null> {
  const id = bounce.originalMessageId;
  if (!id) return null;
  const byDelivery = await tx
    .select({ messageId: emailDeliveries.messageId })
    .from(emailDeliveries)
    .where(and(eq(emailDeliveries.accountId, scope.accountId), eq(emailDeliveries.inboxId, scope.inboxId), eq(emailDeliveries.internetMessageId, id)))
    .limit(1);
  const bySource = byDelivery.length
    ? []
    : await tx
        .select({ messageId: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.accountId, scope.accountId),
            eq(messages.inboxId, scope.inboxId),
            eq(messages.sourceId, id),
            eq(messages.messageType, "outgoing"),
          ),
        )
        .limit(1);
  const messageId = byDelivery[0]?.messageId ?? bySource[0]?.messageId;
  if (messageId === undefined) return null;
  const reason = bounce.reason.slice(0, 2000);
  await tx
    .update(messages)
    .set({
      status: "failed",
      contentAttributes: sql`${messages.contentAttributes} || ${JSON.stringify({ external_error: reason })}::jsonb`,
      updatedAt: new Date(),
    })
    .where(and(eq(messages.accountId, scope.accountId), inArray(messages.id, [messageId])));
  await tx
    .update(emailDeliveries)
    .set({ status: "failed", lastError: `Bounced: ${reason}`, updatedAt: new Date() })
    .where(and(eq(emailDeliveries.accountId, scope.accountId), eq(emailDeliveries.messageId, messageId)));
  return messageId;
}
