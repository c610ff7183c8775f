import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signInAttempts } from "@/db/schema";

/**
 * Brute-force throttling for password checks, kept in PostgreSQL so every app instance sees the
 * same counts and a restart does not reset them. Two limits (ARCHITECTURE.md, "Decisions"):
 * - per (email, client): MAX_FAILURES failures inside the window lock that pair for LOCK_MINUTES,
 *   the right password included. The client is the TCP peer, or the address a trusted proxy
 *   reports (lib/auth/client-address.ts), so a forged X-Forwarded-For is the same client.
 * - per email, across all clients (the ANY_CLIENT row): never a lock, because that would let
 *   anyone lock a user out from everywhere. Past SLOWDOWN_AFTER failures every attempt for the
 *   email waits a little longer before its password is checked (slowdownMs), so guessing from many
 *   addresses is slow, while the owner, from a client without failures, still gets in.
 */
export const MAX_FAILURES = 5;
export const SLOWDOWN_AFTER = 10;
export const SLOWDOWN_STEP_MS = 1_000;
export const SLOWDOWN_MAX_MS = 10_000;
export const ANY_CLIENT = "*";
export const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;
export const LOCKED_MESSAGE = `Too many failed sign-in attempts. Try again in ${LOCK_MINUTES} minutes.`;

const normalize = (email: string) => email.trim().toLowerCase();
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** The time until which this email+client may not sign in, or null when it may. */
export async function lockedUntil(db: DbOrTx, email: string, client: string, now = new Date()): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: signInAttempts.lockedUntil })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, normalize(email)), eq(signInAttempts.client, client)));
  if (row?.lockedUntil && row.lockedUntil > now) return row.lockedUntil;
  return null;
}

/** How long an attempt for this email waits before its password is checked (0: not at all). */
export async function slowdownMs(db: DbOrTx, email: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ failures: signInAttempts.failures, windowStartedAt: signInAttempts.windowStartedAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, normalize(email)), eq(signInAttempts.client, ANY_CLIENT)));
  if (!row || row.windowStartedAt.getTime() < now.getTime() - WINDOW_MINUTES * 60_000) return 0;
  if (row.failures < SLOWDOWN_AFTER) return 0;
  return Math.min((row.failures - SLOWDOWN_AFTER + 1) * SLOWDOWN_STEP_MS, SLOWDOWN_MAX_MS);
}

/**
 * Counts one failure; returns true when this failure locked the pair. The ANY_CLIENT row only
 * counts (it feeds slowdownMs) and never locks.
 */
export async function recordSignInFailure(
  db: DbOrTx,
  email: string,
  client: string,
  now = new Date(),
  maxFailures = client === ANY_CLIENT ? Number.POSITIVE_INFINITY : MAX_FAILURES,
): Promise<boolean> {
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  // One statement: concurrent failures cannot lose a count. A stale window (or an expired lock)
  // starts over at one failure.
  const [row] = await db
    .insert(signInAttempts)
    .values({ email: normalize(email), client, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [signInAttempts.email, signInAttempts.client],
      set: {
        failures: sql`case when ${signInAttempts.windowStartedAt} < ${at(windowStart)} then 1 else ${signInAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInAttempts.windowStartedAt} < ${at(windowStart)} then ${at(now)} else ${signInAttempts.windowStartedAt} end`,
      },
    })
    .returning({ id: signInAttempts.id, failures: signInAttempts.failures });
  await pruneSignInAttempts(db, now);
  if (row && row.failures >= maxFailures) {
    await db.update(signInAttempts).set({ lockedUntil: lockUntil }).where(eq(signInAttempts.id, row.id));
    return true;
  }
  return false;
}

/**
 * Pruned on write: rows whose window is over and that hold no running lock mean nothing any more.
 * Done on every failure (indexed by window start), so rotating emails or clients cannot grow the
 * table beyond one window's worth of failures.
 */
export async function pruneSignInAttempts(db: DbOrTx, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  await db
    .delete(signInAttempts)
    .where(
      and(
        lt(signInAttempts.windowStartedAt, windowStart),
        or(isNull(signInAttempts.lockedUntil), lt(signInAttempts.lockedUntil, now)),
      ),
    );
}

/** A successful sign-in forgets earlier failures of this pair. */
export async function clearSignInFailures(db: DbOrTx, email: string, client: string): Promise<void> {
  await db.delete(signInAttempts).where(and(eq(signInAttempts.email, normalize(email)), eq(signInAttempts.client, client)));
}
