import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { platformApps } from "@/db/schema";
import { parseInput } from "@/lib/api/validation";
import { generateSecretToken, hashToken } from "@/lib/auth/tokens";

const MAX_TOKEN_LENGTH = 200;

const createPlatformAppInput = z.object({ name: z.string().trim().min(1, "Name can't be blank").max(255) });

/**
 * Creates a platform app (operator CLI only: platform apps act across accounts). The token is
 * returned once; the database keeps its sha256, as for users' API tokens.
 */
export async function createPlatformApp(db: DbOrTx, input: { name: string }): Promise<{ id: number; name: string; accessToken: string }> {
  const { name } = parseInput(createPlatformAppInput, input);
  const accessToken = generateSecretToken();
  const [row] = await db.insert(platformApps).values({ name, accessTokenHash: hashToken(accessToken) }).returning({ id: platformApps.id });
  return { id: row.id, name, accessToken };
}

/** The platform app an `api_access_token` header names, or null. */
export async function resolvePlatformAppToken(db: DbOrTx, token: string | null | undefined): Promise<{ id: number } | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const [app] = await db.select({ id: platformApps.id }).from(platformApps).where(eq(platformApps.accessTokenHash, hashToken(token))).limit(1);
  return app ?? null;
}
