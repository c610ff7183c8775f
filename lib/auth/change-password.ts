import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { AppError, invalid } from "@/lib/errors";
import type { Actor } from "./actor";
import { findUserById } from "./find-user";
import { hashPassword, verifyPassword } from "./password";
import { LOCK_MINUTES, clearSignInFailures, lockedUntil, recordSignInFailure } from "./sign-in-throttle";

/** The throttle's "client" for this form: per user, apart from sign-in, so it locks only the form. */
const passwordChangeClient = (userId: number) => `password-change:${userId}`;
const TOO_MANY = `Too many wrong passwords. Try again in ${LOCK_MINUTES} minutes.`;

function requireUser(actor: Actor): number {
  if (actor.kind !== "user") throw new AppError("forbidden", "Only a signed-in user can change their own password");
  return actor.userId;
}

/**
 * A user changes their own password. Every existing session (including the current one) is
 * revoked by bumping session_version; the caller should send the user to sign in again.
 */
export async function changePassword(
  db: DbOrTx,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const userId = requireUser(actor);
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("unauthorized", "Your session has ended, sign in again");
  // Someone at an unlocked screen (or holding a stolen cookie) must not be able to guess the
  // password through this form: the sign-in throttle's per-pair lock, on a client of its own.
  const client = passwordChangeClient(userId);
  if (await lockedUntil(db, user.email, client)) throw new AppError("rate_limited", TOO_MANY);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    if (await recordSignInFailure(db, user.email, client)) throw new AppError("rate_limited", TOO_MANY);
    throw invalid("Current password is incorrect", { field: "currentPassword" });
  }
  await clearSignInFailures(db, user.email, client);
  const passwordHash = await hashPassword(input.newPassword);
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}
