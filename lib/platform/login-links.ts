import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { userLoginTokens, users } from "@/db/schema";
import { generateSecretToken, hashToken } from "@/lib/auth/tokens";
import { appUrl } from "@/lib/env";
import { requirePlatformUser } from "./users";

/** How long a sign-in link from the Platform API stays valid (Chatwoot: 5 minutes). */
export const LOGIN_LINK_TTL_MS = 5 * 60 * 1000;
export const LOGIN_LINK_PATH = "/sign-in/link";

/**
 * A one-time sign-in link for a user the platform app made. Only the token's hash is stored; the
 * link works once, within LOGIN_LINK_TTL_MS, and is spent by the POST of the page it opens (a GET
 * never signs in, so link previews and prefetches cannot use it up).
 */
export async function createLoginLink(db: DbOrTx, platformAppId: number, userId: number): Promise<string> {
  const user = await requirePlatformUser(db, platformAppId, userId);
  const token = generateSecretToken();
  const now = Date.now();
  // Spent and expired links of anyone are pruned as new ones are made: the table stays small.
  await db.delete(userLoginTokens).where(lt(userLoginTokens.expiresAt, new Date(now - LOGIN_LINK_TTL_MS)));
  await db.insert(userLoginTokens).values({ userId, tokenHash: hashToken(token), expiresAt: new Date(now + LOGIN_LINK_TTL_MS) });
  const url = new URL(LOGIN_LINK_PATH, `${appUrl()}/`);
  url.searchParams.set("email", user.email);
  url.searchParams.set("sso_auth_token", token);
  return url.toString();
}

/**
 * Spends a sign-in link: the user when the token is theirs, unused and not expired; null otherwise.
 * One UPDATE marks it used, so two concurrent uses cannot both succeed.
 */
export async function consumeLoginToken(
  db: DbOrTx,
  input: { email: string; token: string },
): Promise<{ id: number; name: string; email: string; sessionVersion: number } | null> {
  if (!input.token || input.token.length > 200) return null;
  const [spent] = await db
    .update(userLoginTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(userLoginTokens.tokenHash, hashToken(input.token)), isNull(userLoginTokens.usedAt), gt(userLoginTokens.expiresAt, new Date())))
    .returning({ userId: userLoginTokens.userId });
  if (!spent) return null;
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.id, spent.userId), sql`lower(${users.email}) = ${input.email.trim().toLowerCase()}`))
    .limit(1);
  return user ?? null;
}
