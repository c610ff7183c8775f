import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail } from "@/db/schema";
import { markInboxReconnectNeeded } from "@/lib/notifications/reconnect-needed";
import { errorText } from "@/lib/storable-text";

/**
 * The inbox health the admin panel shows (docs/email.md, Ingestion: never silent). A successful poll sets
 * `ok` and the last successful time; a failure keeps the last success, stores the error in words
 * and sets `error`, or `reconnect_needed` when the admin must act (refused login). The last error
 * stays visible after a later success, with its time, so a flapping server is noticed.
 */
export async function recordPollSuccess(db: DbOrTx, accountId: number, channelId: number, intervalSeconds: number, now = new Date()): Promise<void> {
  await db
    .update(channelEmail)
    .set({ health: "ok", lastPollAt: now, lastSuccessfulPollAt: now, nextPollAt: new Date(now.getTime() + intervalSeconds * 1000), updatedAt: now })
    .where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, channelId)));
}

export async function recordPollFailure(
  db: DbOrTx,
  accountId: number,
  channelId: number,
  intervalSeconds: number,
  problem: { message: string; reconnectNeeded: boolean },
  now = new Date(),
): Promise<void> {
  // Administrators hear of it once, when the inbox goes into reconnect needed, not at every poll.
  if (problem.reconnectNeeded) await markInboxReconnectNeeded(db, { accountId, channelId }, problem.message);
  await db
    .update(channelEmail)
    .set({
      health: problem.reconnectNeeded ? "reconnect_needed" : "error",
      lastPollAt: now,
      // Storable and capped: the text may quote the server or the mail, and must never stop its recording.
      lastError: errorText(problem.message),
      lastErrorAt: now,
      nextPollAt: new Date(now.getTime() + intervalSeconds * 1000),
      updatedAt: now,
    })
    .where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, channelId)));
}
