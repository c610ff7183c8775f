import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelEmail, inboxes } from "@/db/schema";
import { OAuthTokenError } from "@/lib/mailbox/oauth/errors";
import type { GraphScope } from "./client";

/**
 * The inbox health the admin panel shows, for Graph receive (docs/email.md, Ingestion: never silent): a delta
 * run that reached Graph counts as a successful poll; a failed subscription or delta run shows its
 * words. Sign-in refusals are left to the token layer, which marks "reconnect needed" itself.
 */
export async function recordGraphHealth(db: Db, scope: GraphScope, problem: { message: string; error: unknown } | null): Promise<void> {
  if (problem && problem.error instanceof OAuthTokenError) return;
  const now = new Date();
  const channelOfInbox = sql`(select ${inboxes.channelId} from ${inboxes} where ${inboxes.accountId} = ${scope.accountId} and ${inboxes.id} = ${scope.inboxId} and ${inboxes.channelType} = 'email')`;
  await db
    .update(channelEmail)
    .set(problem ? { health: "error", lastPollAt: now, lastError: problem.message, lastErrorAt: now, updatedAt: now } : { health: "ok", lastPollAt: now, lastSuccessfulPollAt: now, updatedAt: now })
    .where(and(eq(channelEmail.accountId, scope.accountId), eq(channelEmail.id, channelOfInbox)));
}
