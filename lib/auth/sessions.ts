import { randomUUID } from "node:crypto";
import { lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { revokedSessions } from "@/db/schema";

/** A fresh id for a new session; it travels in the JWT (`sessionId`) for its whole life. */
export const newSessionId = () => randomUUID();

/**
 * Ends one session on the server: its id is refused from now on, whoever still holds the cookie.
 * Called by Auth.js's signOut event, which both the sign-out page's action and
 * POST /api/auth/signout go through. Expired rows are pruned here: a JWT past its expiry is refused
 * by Auth.js anyway.
 */
export async function revokeSession(db: DbOrTx, session: { sessionId: string; userId: number; expiresAt: Date }): Promise<void> {
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
  await db
    .insert(revokedSessions)
    .values({ jti: session.sessionId, userId: session.userId, expiresAt: session.expiresAt })
    .onConflictDoNothing();
}
