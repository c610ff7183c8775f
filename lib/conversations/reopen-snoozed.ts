import { and, asc, eq, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversations } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { systemActor } from "@/lib/auth/actor";
import { toggleStatus } from "./toggle-status";

/**
 * Reopens snoozed conversations whose snoozed_until has passed ("Conversation was reopened").
 * A system sweep across accounts (served by conversations_snoozed_idx); each reopen goes through
 * toggleStatus, so it is scoped to its own account and writes the usual activity line.
 * Run every minute: a conversation reopens at most about a minute after its time, and a missed
 * minute (restart, deploy) is caught up by the next sweep because the query is "due", not "now".
 */
export type ReopenedConversation = { accountId: number; displayId: number };

export async function reopenDueSnoozedConversations(
  db: Db,
  options: { now?: Date; limit?: number } = {},
): Promise<ReopenedConversation[]> {
  const now = options.now ?? new Date();
  const due = await db
    .select({ id: conversations.id, accountId: conversations.accountId, displayId: conversations.displayId })
    .from(conversations)
    .where(and(eq(conversations.status, "snoozed"), lte(conversations.snoozedUntil, now)))
    .orderBy(asc(conversations.snoozedUntil))
    .limit(options.limit ?? 500);

  const reopened: ReopenedConversation[] = [];
  for (const candidate of due) {
    // inTransaction: toggleStatus's live refresh events then wait for this commit.
    const isReopened = await inTransaction(db, async (tx) => {
      // Re-check under a row lock: an agent may have reopened or re-snoozed it meanwhile.
      const [still] = await tx
        .select({ id: conversations.id })
        .from(conversations)
        .where(
          and(
            eq(conversations.accountId, candidate.accountId),
            eq(conversations.id, candidate.id),
            eq(conversations.status, "snoozed"),
            lte(conversations.snoozedUntil, now),
          ),
        )
        .for("update");
      if (!still) return false;
      await toggleStatus(tx, systemActor("snooze expired"), candidate.accountId, candidate.displayId, { status: "open" });
      return true;
    });
    if (isReopened) reopened.push({ accountId: candidate.accountId, displayId: candidate.displayId });
  }
  return reopened;
}
