import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { generateApiAccessToken, hashToken } from "./tokens";

/**
 * A user replaces their own API access token; the old one stops working at once. The new token is
 * returned this once: only its hash is stored, so it can never be shown again.
 */
export async function resetApiAccessToken(db: DbOrTx, actor: Actor): Promise<{ apiAccessToken: string }> {
  if (actor.kind !== "user") throw new AppError("forbidden", "Only a user has an API access token");
  const apiAccessToken = generateApiAccessToken();
  const [row] = await db
    .update(users)
    .set({ apiAccessTokenHash: hashToken(apiAccessToken), updatedAt: new Date() })
    .where(eq(users.id, actor.userId))
    .returning({ id: users.id });
  if (!row) throw new AppError("unauthorized", "Your session has ended, sign in again");
  return { apiAccessToken };
}
