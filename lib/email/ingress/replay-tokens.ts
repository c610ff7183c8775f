import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ingressTokens } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * Replay protection for webhooks signed over a timestamp and a token only (Mailgun): the
 * signature does not cover the message, so a captured one must not be usable again, with this
 * body or another. A signed timestamp is accepted for MAX_AGE_SECONDS (and up to
 * MAX_AHEAD_SECONDS ahead of our clock, for clock skew); each token is accepted once. Tokens are
 * remembered for longer than any timestamp stays acceptable, then forgotten.
 */
export const MAX_AGE_SECONDS = 15 * 60;
export const MAX_AHEAD_SECONDS = 5 * 60;
const REMEMBER_MINUTES = 30;

export type ReplayToken = { source: string; token: string };

/** Throws 401 when the signed timestamp is outside the window. */
export function requireFreshTimestamp(timestamp: string, now = Date.now()): void {
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || !Number.isFinite(seconds)) throw new AppError("unauthorized", "The signed timestamp is not a number of seconds");
  const age = now / 1000 - seconds;
  if (age > MAX_AGE_SECONDS) throw new AppError("unauthorized", `The signed timestamp is more than ${MAX_AGE_SECONDS / 60} minutes old: a stale or replayed webhook is refused`);
  if (age < -MAX_AHEAD_SECONDS) throw new AppError("unauthorized", "The signed timestamp is in the future: check the clocks of this server and of the sender");
}

/** Records the token as used (in the caller's transaction, with the message it brought); 401 if it was. */
export async function claimReplayToken(db: DbOrTx, { source, token }: ReplayToken): Promise<void> {
  await db.delete(ingressTokens).where(sql`${ingressTokens.seenAt} < now() - make_interval(mins => ${REMEMBER_MINUTES})`);
  const [claimed] = await db.insert(ingressTokens).values({ source, token }).onConflictDoNothing().returning({ token: ingressTokens.token });
  if (!claimed) throw new AppError("unauthorized", "This signed token was already used: a replayed webhook is refused");
}

/** Forgets a claimed token when its message could not be queued, so the sender's retry is accepted. */
export async function releaseReplayToken(db: DbOrTx, { source, token }: ReplayToken): Promise<void> {
  await db.delete(ingressTokens).where(and(eq(ingressTokens.source, source), eq(ingressTokens.token, token)));
}
