import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountUsers, users } from "@/db/schema";
import { userActor, type Actor } from "./actor";
import { hashToken } from "./tokens";

// Tokens are 32 URL-safe characters (24 random bytes); anything wildly longer is not worth a query.
const MAX_TOKEN_LENGTH = 200;

/**
 * Resolves an `api_access_token` header to the user it belongs to. The token carries the user's
 * own rights (Chatwoot semantics): the Actor is the same as for their browser session. Only the
 * token's sha256 is stored (users.api_access_token_hash, unique index), so it is looked up by hash.
 *
 * With `accountId` (the account the request's path names), the user's role in that account is
 * read in the same statement — `role` null when they are not a member — so a request costs one
 * round trip for the token and the membership together.
 */
export async function resolveApiAccessToken(
  db: DbOrTx,
  token: string | null | undefined,
  accountId?: number,
): Promise<{ actor: Actor; userId: number; membership?: { accountId: number; role: AccountRole | null } } | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const hash = hashToken(token);
  if (accountId === undefined) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.apiAccessTokenHash, hash)).limit(1);
    return user ? { actor: userActor(user.id), userId: user.id } : null;
  }
  const [row] = await db
    .select({ id: users.id, role: accountUsers.role })
    .from(users)
    .leftJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, accountId)))
    .where(eq(users.apiAccessTokenHash, hash))
    .limit(1);
  if (!row) return null;
  return { actor: userActor(row.id), userId: row.id, membership: { accountId, role: row.role } };
}

type AccountRole = (typeof accountUsers.$inferSelect)["role"];
