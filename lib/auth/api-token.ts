import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentBots, users } from "@/db/schema";
import { agentBotActor, userActor, type Actor } from "./actor";
import { hashToken } from "./tokens";

// Tokens are 32 URL-safe characters (24 random bytes); anything wildly longer is not worth a query.
const MAX_TOKEN_LENGTH = 200;

/**
 * Resolves an `api_access_token` header to the user it belongs to. The token carries the user's
 * own rights (Chatwoot semantics): the Actor is the same as for their browser session. Only the
 * token's sha256 is stored (users.api_access_token_hash, unique index), so it is looked up by hash.
 * An agent bot's token (agent_bots.access_token_hash) acts as that bot, in its own account only;
 * `userId` is 0 then. A bot without an account (made by a platform app) opens nothing.
 */
export async function resolveApiAccessToken(db: DbOrTx, token: string | null | undefined): Promise<{ actor: Actor; userId: number } | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const hash = hashToken(token);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.apiAccessTokenHash, hash)).limit(1);
  if (user) return { actor: userActor(user.id), userId: user.id };
  const [bot] = await db.select({ id: agentBots.id, accountId: agentBots.accountId }).from(agentBots).where(eq(agentBots.accessTokenHash, hash)).limit(1);
  if (!bot || bot.accountId === null) return null;
  return { actor: agentBotActor(bot.id, bot.accountId), userId: 0 };
}
