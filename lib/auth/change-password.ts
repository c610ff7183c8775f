import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { AppError, invalid } from "@/lib/errors";
import type { Actor } from "./actor";
import { findUserById } from "./find-user";
import { hashPassword, verifyPassword } from "./password";

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
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw invalid("Current password is incorrect", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}
