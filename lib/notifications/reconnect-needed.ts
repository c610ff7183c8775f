import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { channelEmail, inboxes } from "@/db/schema";
import { notifyAdministrators } from "./create-notification";
import { errorText } from "@/lib/storable-text";

/** The email inbox whose mailbox failed: by inbox id (OAuth, Graph) or by its channel_email id (the IMAP poller). */
export type ReconnectScope = { accountId: number } & ({ inboxId: number } | { channelId: number });

/**
 * Puts an email inbox into "reconnect needed" and, only on the transition into it, notifies every
 * administrator of the account: a mailbox that keeps refusing its sign-in on every poll or token
 * refresh produces one notification, not one per attempt. The conditional UPDATE takes the row
 * lock, so two jobs failing at once still notify once. Returns whether this call made the change.
 */
export async function markInboxReconnectNeeded(db: DbOrTx, scope: ReconnectScope, reason: string): Promise<boolean> {
  return inTransaction(db, async (tx, afterCommit) => {
    const [inbox] = await tx
      .select({ id: inboxes.id, name: inboxes.name, channelId: inboxes.channelId })
      .from(inboxes)
      .where(
        and(
          eq(inboxes.accountId, scope.accountId),
          eq(inboxes.channelType, "email"),
          "inboxId" in scope ? eq(inboxes.id, scope.inboxId) : eq(inboxes.channelId, scope.channelId),
        ),
      )
      .limit(1);
    if (!inbox) return false;
    const now = new Date();
    const changed = await tx
      .update(channelEmail)
      .set({ health: "reconnect_needed", lastError: errorText(reason), lastErrorAt: now, updatedAt: now })
      .where(
        and(
          eq(channelEmail.accountId, scope.accountId),
          eq(channelEmail.id, inbox.channelId),
          sql`${channelEmail.health} is distinct from 'reconnect_needed'`,
        ),
      )
      .returning({ id: channelEmail.id });
    if (changed.length === 0) return false;
    await notifyAdministrators(tx, afterCommit, {
      accountId: scope.accountId,
      notificationType: "inbox_reconnect_needed",
      inboxId: inbox.id,
      title: `${inbox.name} needs to be reconnected`,
      body: reason,
    });
    return true;
  });
}
