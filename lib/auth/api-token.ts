import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountUsers, agentBots, customRoles, users } from "@/db/schema";
import { agentBotActor, userActor, type Actor } from "./actor";
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
 *
 * An agent bot's token (agent_bots.access_token_hash) acts as that bot, in its own account only
 * (lib/accounts/access.ts); `userId` is 0 then. A bot in no account (made by a platform app)
 * opens nothing.
 */
export async function resolveApiAccessToken(
  db: DbOrTx,
  token: string | null | undefined,
  accountId?: number,
): Promise<{
  actor: Actor;
  userId: number;
  membership?: { accountId: number; role: AccountRole | null; customRoleId: number | null; permissions: string[] | null };
} | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const hash = hashToken(token);
  if (accountId === undefined) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.apiAccessTokenHash, hash)).limit(1);
    return user ? { actor: userActor(user.id), userId: user.id } : resolveAgentBotToken(db, hash);
  }
  const [row] = await db
    .select({ id: users.id, role: accountUsers.role, customRoleId: customRoles.id, permissions: customRoles.permissions })
    .from(users)
    .leftJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, accountId)))
    .leftJoin(customRoles, and(eq(customRoles.id, accountUsers.customRoleId), eq(customRoles.accountId, accountId)))
    .where(eq(users.apiAccessTokenHash, hash))
    .limit(1);
  if (!row) return resolveAgentBotToken(db, hash);
  return { actor: userActor(row.id), userId: row.id, membership: { accountId, role: row.role, customRoleId: row.customRoleId, permissions: row.permissions } };
}

async function resolveAgentBotToken(db: DbOrTx, hash: string): Promise<{ actor: Actor; userId: number } | null> {
  const [bot] = await db.select({ id: agentBots.id, accountId: agentBots.accountId }).from(agentBots).where(eq(agentBots.accessTokenHash, hash)).limit(1);
  if (!bot || bot.accountId === null) return null;
  return { actor: agentBotActor(bot.id, bot.accountId), userId: 0 };
}

type AccountRole = (typeof accountUsers.$inferSelect)["role"];
