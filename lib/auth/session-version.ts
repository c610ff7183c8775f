import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedPerDb } from "@/db/named-statement";
import { revokedSessions, users } from "@/db/schema";

/**
 * Sessions are JWTs that carry users.session_version at sign-in. A password change (or a reset
 * by an operator) bumps the version, and every session signed with the old one stops working.
 * Returns the user's current name and email when the session is still valid, so a renamed user
 * sees the new name without signing in again. `sessionId` (the JWT's own id) must not have been
 * signed out (lib/auth/sessions.ts).
 */
const columns = { id: users.id, name: users.name, email: users.email, sessionVersion: users.sessionVersion };

/** One statement (this runs on every signed-in request): the user and whether the session was revoked. */
const sessionCheck = preparedPerDb((db) =>
  db
    .select({ ...columns, revoked: sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.jti} = ${sql.placeholder("sessionId")})` })
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare("session_check"),
);

export async function currentSessionUser(
  db: DbOrTx,
  userId: number,
  sessionVersion: number,
  sessionId?: string,
): Promise<{ id: number; name: string; email: string } | null> {
  const [row] =
    sessionId === undefined
      ? await db.select({ ...columns, revoked: sql<boolean>`false` }).from(users).where(eq(users.id, userId))
      : await sessionCheck(db).execute({ userId, sessionId });
  if (!row || row.revoked || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, name: row.name, email: row.email };
}
