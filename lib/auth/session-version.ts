import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { revokedSessions, users } from "@/db/schema";

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
  // One statement (this runs on every signed-in request): the user and whether the session was revoked.
  const revoked = sessionId === undefined ? sql<boolean>`false` : sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.jti} = ${sessionId})`;
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, sessionVersion: users.sessionVersion, revoked })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || row.revoked || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, name: row.name, email: row.email };
}
