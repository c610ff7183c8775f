import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { isSessionRevoked } from "./sessions";

/**
 * Sessions are JWTs that carry users.session_version at sign-in. A password change (or a reset
 * by an operator) bumps the version, and every session signed with the old one stops working.
 * Returns the user's current name and email when the session is still valid, so a renamed user
 * sees the new name without signing in again. `sessionId` (the JWT's own id) must not have been
 * signed out (lib/auth/sessions.ts).
 */
export async function currentSessionUser(
  db: DbOrTx,
  userId: number,
  sessionVersion: number,
  sessionId?: string,
): Promise<{ id: number; name: string; email: string } | null> {
  if (sessionId !== undefined && (await isSessionRevoked(db, sessionId))) return null;
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, name: row.name, email: row.email };
}
