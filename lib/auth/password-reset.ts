import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { passwordResets, signInAttempts, users } from "@/db/schema";
import { parseInput } from "@/lib/api/validation";
import { AppError } from "@/lib/errors";
import { passwordResetRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { createLogger } from "@/lib/logger";
import { findUserByEmail } from "./find-user";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";
import { hashToken } from "./tokens";

const log = createLogger("password-reset");

/** How long a reset link works after it was emailed. */
export const RESET_TTL_MINUTES = 60;
/** Links per address per hour; more requests are answered the same way and send nothing. */
export const RESETS_PER_HOUR = 3;

/** The one answer to every request, whether or not the address has a user: no enumeration. */
export const RESET_REQUESTED_MESSAGE =
  "If that email address has a Postdesk user, a link to choose a new password is on its way. It works once, for one hour.";
export const RESET_UNUSABLE_MESSAGE = "This password reset link is not valid any more: it was used, replaced by a newer one, or has expired. Ask for a new one.";

const requestInput = z.object({ email: z.string().trim().toLowerCase().max(320) });

/**
 * Self-service "Forgot password?". The request only queues the job, whatever the address: looking
 * the user up here would make a known address answer measurably slower than an unknown one. The job
 * (sendPasswordResetEmail) records a reset for a known address, at most RESETS_PER_HOUR an hour so
 * the form cannot flood someone's mailbox, and emails the link. The page always shows
 * RESET_REQUESTED_MESSAGE.
 */
export async function requestPasswordReset(_db: DbOrTx, params: z.input<typeof requestInput>): Promise<void> {
  const { email } = parseInput(requestInput, params);
  if (!email.includes("@")) return;
  await sendEvent(passwordResetRequested.create({ email }));
}

/**
 * The job's half of a request: a reset row for a known address within the hourly limit, or null.
 * The token is set by the caller when it sends the mail.
 */
export async function createPasswordReset(db: DbOrTx, email: string): Promise<{ resetId: number; userId: number; email: string } | null> {
  const user = await findUserByEmail(db, email);
  if (!user) return null;
  return inTransaction(db, async (tx) => {
    // Serializes concurrent requests for one user, so the hourly limit holds.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("update");
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, sql`now() - interval '1 hour'`)));
    if ((recent?.n ?? 0) >= RESETS_PER_HOUR) {
      log.info("password reset not sent: hourly limit reached", { userId: user.id });
      return null;
    }
    const [reset] = await tx
      .insert(passwordResets)
      .values({ userId: user.id, expiresAt: sql`now() + make_interval(mins => ${RESET_TTL_MINUTES})` })
      .returning({ id: passwordResets.id });
    return { resetId: reset.id, userId: user.id, email: user.email };
  });
}

async function findUsableReset(db: DbOrTx, token: string, lock: boolean) {
  if (!token || token.length > 200) throw new AppError("not_found", RESET_UNUSABLE_MESSAGE);
  const query = db
    .select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: passwordResets }) : await query;
  if (!row) throw new AppError("not_found", RESET_UNUSABLE_MESSAGE);
  return row;
}

/** For the reset page: which address the link is for (only its holder, the addressee, sees it). */
export async function previewPasswordReset(db: DbOrTx, token: string): Promise<{ email: string }> {
  const row = await findUsableReset(db, token, false);
  return { email: row.email };
}

const resetInput = z.object({
  password: z.string().min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
});

/**
 * Sets the new password from a link: single use (used_at), every other open link of that user
 * stops working too, and session_version moves so every existing session ends. A sign-in lock on
 * the address is cleared: the person just proved they read its mail.
 */
export async function resetPasswordWithToken(db: DbOrTx, token: string, params: z.input<typeof resetInput>): Promise<{ userId: number; email: string }> {
  const input = parseInput(resetInput, params);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const reset = await findUsableReset(tx, token, true);
    await tx.update(passwordResets).set({ usedAt: sql`now()` }).where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    await tx
      .update(users)
      // Following the emailed link proves the address is theirs.
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, confirmedAt: sql`coalesce(${users.confirmedAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, reset.userId));
    await tx.delete(signInAttempts).where(eq(signInAttempts.email, reset.email.toLowerCase()));
    return { userId: reset.userId, email: reset.email };
  });
}
