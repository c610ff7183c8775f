import { and, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { channelApi, inboxes } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { generateSigningSecret } from "@/lib/integrations/delivery/sign";
import type { TargetKind } from "@/lib/integrations/targets/registry";

/**
 * API inboxes' callback URLs as a target kind of the delivery pipeline (lib/integrations): an API
 * inbox with a callback URL receives every event of that inbox — messages, conversations, typing —
 * with the same payloads, signatures and retries as account webhooks, signed with the inbox's own
 * secret. Contact events have no inbox and do not go there. The target id is the inbox id.
 */
const withCallback = (accountId: number) =>
  and(eq(channelApi.accountId, accountId), isNotNull(channelApi.webhookUrl), ne(channelApi.webhookUrl, ""));

export const apiInboxTargetKind: TargetKind = {
  type: "api_inbox",
  anyTarget: (db, accountId) => db.select({ id: channelApi.id }).from(channelApi).where(withCallback(accountId)),
  targetsFor: async (db, context) => {
    if (context.inboxId === null) return [];
    const [row] = await db
      .select({ id: inboxes.id })
      .from(inboxes)
      .innerJoin(channelApi, and(eq(channelApi.accountId, inboxes.accountId), eq(channelApi.id, inboxes.channelId)))
      .where(and(eq(inboxes.accountId, context.accountId), eq(inboxes.id, context.inboxId), eq(inboxes.channelType, "api"), withCallback(context.accountId)))
      .limit(1);
    return row ? [row.id] : [];
  },
  resolve: async (db, accountId, inboxId) => {
    const [row] = await db
      .select({ channelId: channelApi.id, url: channelApi.webhookUrl, secret: channelApi.secret })
      .from(inboxes)
      .innerJoin(channelApi, and(eq(channelApi.accountId, inboxes.accountId), eq(channelApi.id, inboxes.channelId)))
      .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId), eq(inboxes.channelType, "api")))
      .limit(1);
    if (!row?.url) return null;
    return { url: row.url, secrets: [await signingSecret(db, accountId, row.channelId, row.secret)] };
  },
};

/** The inbox's signing secret; an inbox made before secrets existed gets one now (kept if two deliveries race). */
async function signingSecret(db: DbOrTx, accountId: number, channelId: number, stored: string | null): Promise<string> {
  if (stored) return decryptSecret(stored);
  await db
    .update(channelApi)
    .set({ secret: encryptSecret(generateSigningSecret()) })
    .where(and(eq(channelApi.accountId, accountId), eq(channelApi.id, channelId), isNull(channelApi.secret)));
  const [row] = await db.select({ secret: channelApi.secret }).from(channelApi).where(and(eq(channelApi.accountId, accountId), eq(channelApi.id, channelId)));
  if (!row?.secret) throw new Error("The API inbox has no signing secret");
  return decryptSecret(row.secret);
}
