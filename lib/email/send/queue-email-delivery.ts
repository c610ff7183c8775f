import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, emailDeliveries, inboxes, messages } from "@/db/schema";
import { ourMessageId } from "@/lib/email/ids";

/**
 * Called inside the transaction that creates an outgoing, public message. For an email inbox it
 * stores our Message-ID on the message (so a reply to it threads even before it is sent), marks
 * the message `sending` and records the delivery that the send job will claim. Returns whether a
 * delivery was queued: the caller sends `mail/send.requested` after commit when it was.
 */
export async function queueEmailDelivery(
  tx: DbOrTx,
  params: { accountId: number; inboxId: number; conversationUuid: string; messageId: number },
): Promise<boolean> {
  const [inbox] = await tx
    .select({ channelType: inboxes.channelType, smtpEnabled: channelEmail.smtpEnabled })
    .from(inboxes)
    .leftJoin(channelEmail, and(eq(channelEmail.id, inboxes.channelId), eq(channelEmail.accountId, inboxes.accountId)))
    .where(and(eq(inboxes.accountId, params.accountId), eq(inboxes.id, params.inboxId)))
    .limit(1);
  if (inbox?.channelType !== "email") return false;

  const internetMessageId = ourMessageId(params.conversationUuid, params.messageId);
  await tx
    .update(messages)
    .set({ status: "sending", sourceId: internetMessageId })
    .where(and(eq(messages.accountId, params.accountId), eq(messages.id, params.messageId)));
  await tx.insert(emailDeliveries).values({
    accountId: params.accountId,
    inboxId: params.inboxId,
    messageId: params.messageId,
    status: "queued",
    transport: inbox.smtpEnabled ? "smtp" : "outbox",
    internetMessageId,
  });
  return true;
}
