import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { accountUsers, inboxMembers } from "@/db/schema";
import { announceNotification, insertNotifications } from "@/lib/notifications/create-notification";

/**
 * Handoff, the second half: a bot (or the system, for a bot that stopped answering) set a pending
 * conversation `open`. The inbox's agents are told through the bell (notification
 * `conversation_handoff`, live on their channel); an inbox without members tells the
 * administrators.
 */
export async function notifyHandoff(
  tx: Tx,
  afterCommit: AfterCommit,
  input: { accountId: number; conversation: { id: number; displayId: number; inboxId: number }; title: string; body?: string },
): Promise<void> {
  const { accountId, conversation } = input;
  let recipients = await tx
    .select({ userId: inboxMembers.userId })
    .from(inboxMembers)
    .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.inboxId, conversation.inboxId)));
  if (recipients.length === 0) {
    recipients = await tx
      .select({ userId: accountUsers.userId })
      .from(accountUsers)
      .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.role, "administrator")));
  }
  const target = { id: conversation.id, displayId: conversation.displayId };
  const rows = await insertNotifications(
    tx,
    recipients.map((r) => ({ accountId, userId: r.userId, notificationType: "conversation_handoff" as const, conversation: target, title: input.title, body: input.body })),
  );
  for (const row of rows) announceNotification(afterCommit, row, { conversation: target });
}
