import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { signInAttempts } from "@/db/schema";

/**
 * Brute-force throttling for password sign-in. Failures are counted per (email, client) in a
 * window kept in PostgreSQL, so every app instance sees the same count and a restart does not
 * reset it. After MAX_FAILURES inside the window the pair is locked for LOCK_MINUTES.
 */
export const MAX_FAILURES = 5;
/**
 * The client address comes from X-Forwarded-For, which a client talking to the server directly
 * can invent. So failures are also counted per email across all clients (the ANY_CLIENT row),
 * with a higher limit that still makes guessing impractical.
 */
export const MAX_FAILURES_ANY_CLIENT = 50;
export const ANY_CLIENT = "*";
export const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;
export const LOCKED_MESSAGE = `Too many failed sign-in attempts. Try again in ${LOCK_MINUTES} minutes.`;

const normalize = (email: string) => email.trim().toLowerCase();

/** The time until which this email+client may not sign in, or null when it may. */
export async function lockedUntil(db: DbOrTx, email: string, client: string, now = new Date()): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: signInAttempts.lockedUntil })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, normalize(email)), eq(signInAttempts.client, client)));
  if (row?.lockedUntil && row.lockedUntil > now) return row.lockedUntil;
  return null;
}

/** Counts one failure; returns true when this failure locked the pair. */
export async function recordSignInFailure(
  db: DbOrTx,
  email: string,
  client: string,
  now = new Date(),
  maxFailures = client === ANY_CLIENT ? MAX_FAILURES_ANY_CLIENT : MAX_FAILURES,
): Promise<boolean> {
  // Raw timestamps inside sql`` go to postgres.js untyped: pass ISO strings with a cast.
  const windowStart = sql`${new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString()}::timestamptz`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  // One statement: concurrent failures cannot lose a count. A stale window (or an expired lock)
  // starts over at one failure.
  const [row] = await db
    .insert(signInAttempts)
    .values({ email: normalize(email), client, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [signInAttempts.email, signInAttempts.client],
      set: {
        failures: sql`case when ${signInAttempts.windowStartedAt} < ${windowStart} then 1 else ${signInAttempts.failures} + 1 end`,
        windowStartedAt: sql`case when ${signInAttempts.windowStartedAt} < ${windowStart} then ${nowSql} else ${signInAttempts.windowStartedAt} end`,
      },
    })
    .returning({ id: signInAttempts.id, failures: signInAttempts.failures });
  if (row && row.failures >= maxFailures) {
    await db.update(signInAttempts).set({ lockedUntil: lockUntil }).where(eq(signInAttempts.id, row.id));
    return true;
  }
  return false;
}

/** A successful sign-in forgets earlier failures of this pair. */
export async function clearSignInFailures(db: DbOrTx, email: string, client: string): Promise<void> {
  await db.delete(signInAttempts).where(and(eq(signInAttempts.email, normalize(email)), eq(signInAttempts.client, client)));
}
