import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelApi, inboxes } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import type { Actor } from "@/lib/auth/actor";
import { encryptSecret } from "@/lib/crypto/secrets";
import { notFound } from "@/lib/errors";
import { generateSigningSecret } from "@/lib/integrations/delivery/sign";

/**
 * Replaces one credential of an API inbox (administrators), for when it leaked:
 *   - `hmac_token`: the key of identifier_hash; identities proven with the old token are refused
 *     from now on, so the app's backend must sign with the new one;
 *   - `secret`: what signs the events sent to the callback URL (both signature schemes); the
 *     next delivery is signed with the new secret only.
 * Returns the new value, shown once to the administrator (the settings card shows it as well).
 */
export type ApiInboxCredential = "hmac_token" | "secret";

export async function rotateApiInboxCredential(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  inboxId: number,
  credential: ApiInboxCredential,
): Promise<{ value: string }> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const [inbox] = await db
    .select({ channelId: inboxes.channelId })
    .from(inboxes)
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId), eq(inboxes.channelType, "api")));
  if (!inbox) throw notFound("Inbox");
  const value = credential === "hmac_token" ? randomBytes(18).toString("base64url") : generateSigningSecret();
  const [updated] = await db
    .update(channelApi)
    .set({ ...(credential === "hmac_token" ? { hmacToken: value } : { secret: encryptSecret(value) }), updatedAt: new Date() })
    .where(and(eq(channelApi.accountId, accountId), eq(channelApi.id, inbox.channelId)))
    .returning({ id: channelApi.id });
  if (!updated) throw notFound("Inbox");
  return { value };
}
