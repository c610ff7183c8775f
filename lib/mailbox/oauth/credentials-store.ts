import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes, oauthCredentials, type OauthCredential } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secrets";
import type { OAuthTokens } from "./authorize";
import type { OAuthProviderName, OAuthTransport } from "./providers";
import { markInboxReconnectNeeded } from "@/lib/notifications/reconnect-needed";

export type SaveOAuthCredentialParams = {
  accountId: number;
  inboxId: number;
  provider: OAuthProviderName;
  transport: OAuthTransport;
  /** The SASL user: the mailbox's own address, or the shared mailbox's. */
  mailboxAddress: string;
  /** Who signed in (the delegate for a shared mailbox). */
  delegateEmail?: string | null;
  tenant?: string | null;
  tokens: Pick<OAuthTokens, "accessToken" | "refreshToken" | "expiresAt" | "scopes">;
};

/**
 * Stores (or replaces, on "Reconnect") the sign-in behind an inbox, tokens encrypted, and lifts a
 * "reconnect needed" pause. Call it in the transaction that creates or updates the inbox, so
 * nothing half-made is left behind.
 */
export async function saveOAuthCredential(db: DbOrTx, params: SaveOAuthCredentialParams): Promise<OauthCredential> {
  const now = new Date();
  const values = {
    provider: params.provider,
    transport: params.transport,
    mailboxAddress: params.mailboxAddress,
    delegateEmail: params.delegateEmail ?? null,
    tenant: params.tenant ?? null,
    scopes: params.tokens.scopes,
    refreshTokenEnc: encryptSecret(params.tokens.refreshToken),
    accessTokenEnc: encryptSecret(params.tokens.accessToken),
    accessTokenExpiresAt: params.tokens.expiresAt,
    lastRefreshedAt: now,
    lastError: null,
    lastErrorAt: null,
    updatedAt: now,
  };
  const [row] = await db
    .insert(oauthCredentials)
    .values({ accountId: params.accountId, inboxId: params.inboxId, ...values })
    .onConflictDoUpdate({ target: oauthCredentials.inboxId, set: values, setWhere: sql`${oauthCredentials.accountId} = ${params.accountId}` })
    .returning();
  if (!row) throw new Error(`inbox ${params.inboxId} belongs to another account`);
  // A reconnect: the inbox was paused waiting for it, so it polls again at once.
  await db
    .update(channelEmail)
    .set({ health: "ok", nextPollAt: now, updatedAt: now })
    .where(and(eq(channelEmail.accountId, params.accountId), eq(channelEmail.health, "reconnect_needed"), channelOfInbox(params.accountId, params.inboxId)));
  return row;
}

/** The channel_email row behind an inbox, as a condition on channel_email.id. */
const channelOfInbox = (accountId: number, inboxId: number) =>
  sql`${channelEmail.id} = (select ${inboxes.channelId} from ${inboxes} where ${inboxes.accountId} = ${accountId} and ${inboxes.id} = ${inboxId} and ${inboxes.channelType} = 'email')`;

export async function findOAuthCredential(db: DbOrTx, accountId: number, inboxId: number, options: { lock?: boolean } = {}): Promise<OauthCredential | undefined> {
  const query = db
    .select()
    .from(oauthCredentials)
    .where(and(eq(oauthCredentials.accountId, accountId), eq(oauthCredentials.inboxId, inboxId)));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

/** Records a refresh failure on the credential and, when the admin must act, on the inbox health. */
export async function recordTokenFailure(db: DbOrTx, credential: OauthCredential, message: string, reconnectNeeded: boolean): Promise<void> {
  const now = new Date();
  await db
    .update(oauthCredentials)
    .set({ lastError: message, lastErrorAt: now, updatedAt: now })
    .where(and(eq(oauthCredentials.accountId, credential.accountId), eq(oauthCredentials.id, credential.id)));
  if (!reconnectNeeded) return;
  // Administrators are notified once, on the transition into reconnect needed.
  await markInboxReconnectNeeded(db, { accountId: credential.accountId, inboxId: credential.inboxId }, message);
  // The inbox panel and the poller read health from channel_email: reconnect_needed pauses polling for this inbox alone.
  await db
    .update(channelEmail)
    .set({ health: "reconnect_needed", lastError: message, lastErrorAt: now, updatedAt: now })
    .where(and(eq(channelEmail.accountId, credential.accountId), channelOfInbox(credential.accountId, credential.inboxId)));
}
