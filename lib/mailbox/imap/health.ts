import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail } from "@/db/schema";
import { markInboxReconnectNeeded } from "@/lib/notifications/reconnect-needed";
import { errorText } from "@/lib/storable-text";

/**
 * The inbox health the admin panel shows (docs/email.md, Ingestion: never silent). A successful poll sets
 * `ok` and the last successful time; a failure keeps the last success, stores the error in words
 * and sets `error`, or `reconnect_needed` when the admin must act (refused login). The last error
 * stays visible after a later success, with its time, so a flapping server is noticed.
 *
 * The next poll is one interval after this one *started* (its due time), unless the dispatch
 * already scheduled a later one (due-mailboxes.ts): counting from the end made every poll
 * slip by its own duration, and a 60 s inbox miss every second minute tick.
 */
const nextPollAfter = (startedAt: Date, intervalSeconds: number) => {
  const next = new Date(startedAt.getTime() + intervalSeconds * 1000).toISOString();
  return sql`greatest(coalesce(${channelEmail.nextPollAt}, ${next}::timestamptz), ${next}::timestamptz)`;
};

export async function recordPollSuccess(db: DbOrTx, accountId: number, channelId: number, intervalSeconds: number, now = new Date(), startedAt = now): Promise<void> {
  await db
    .update(channelEmail)
    .set({ health: "ok", lastPollAt: now, lastSuccessfulPollAt: now, nextPollAt: nextPollAfter(startedAt, intervalSeconds), updatedAt: now })
    .where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, channelId)));
}

export async function recordPollFailure(
  db: DbOrTx,
  accountId: number,
  channelId: number,
  intervalSeconds: number,
  problem: { message: string; reconnectNeeded: boolean },
  now = new Date(),
  startedAt = now,
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
      nextPollAt: nextPollAfter(startedAt, intervalSeconds),
      updatedAt: now,
    })
    .where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, channelId)));
}
