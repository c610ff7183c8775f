import { and, eq, lt, sql } from "drizzle-orm";
import * as oauth from "oauth4webapi";
import type { Db } from "@/db/client";
import { channelEmail, inboxes, oauthCredentials, type OauthCredential } from "@/db/schema";
import { SecretUnreadableError, decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { AppError, notFound } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { requestOptions, tokensFromResponse } from "./authorize";
import { findOAuthCredential, recordTokenFailure } from "./credentials-store";
import { OAuthTokenError, describeTokenError } from "./errors";
import { providerConfig } from "./providers";
import { inTransaction } from "@/db/transaction";

const log = createLogger("oauth-token");

/** Access tokens with less life than this are renewed before use (a poll or send can take minutes). */
export const REFRESH_AHEAD_MS = 5 * 60 * 1000;

export type AccessToken = {
  accessToken: string;
  expiresAt: Date;
  /** The SASL user for IMAP/SMTP XOAUTH2: the mailbox address (a shared mailbox's, with a delegate's token). */
  mailboxAddress: string;
  /** Who signed in (a delegate with Full Access, for a shared mailbox). */
  delegateEmail: string | null;
  transport: OauthCredential["transport"];
};

export type AccessTokenOptions = {
  minValidityMs?: number;
  /** A token a server just refused although it had not expired (revoked early): renew unless another caller already has. */
  rejectedToken?: string;
};

const tokenOf = (credential: OauthCredential, accessToken: string, expiresAt: Date): AccessToken => ({
  accessToken,
  expiresAt,
  mailboxAddress: credential.mailboxAddress,
  delegateEmail: credential.delegateEmail,
  transport: credential.transport,
});

function usable(credential: OauthCredential, options: AccessTokenOptions, now: number): AccessToken | null {
  if (!credential.accessTokenEnc || !credential.accessTokenExpiresAt) return null;
  if (credential.accessTokenExpiresAt.getTime() - now < (options.minValidityMs ?? REFRESH_AHEAD_MS)) return null;
  let accessToken: string;
  try {
    accessToken = decryptSecret(credential.accessTokenEnc);
  } catch {
    return null; // unreadable (key changed): a refresh replaces it
  }
  return accessToken === options.rejectedToken ? null : tokenOf(credential, accessToken, credential.accessTokenExpiresAt);
}

/**
 * A valid access token for an OAuth2 inbox, renewed when less than `minValidityMs` is left.
 * Single-flight across processes: the renewal holds a row lock on the credential and checks the
 * expiry again once it has it, so parallel polls and sends renew once and share the result.
 * Rotated refresh tokens are saved. A refused sign-in (invalid_grant, AADSTS…) marks the inbox
 * reconnect_needed and throws OAuthTokenError with reconnectNeeded; a provider or network hiccup
 * throws a retryable OAuthTokenError and leaves the inbox health alone.
 */
export async function getAccessToken(db: Db, params: { accountId: number; inboxId: number }, options: AccessTokenOptions = {}): Promise<AccessToken> {
  const current = await findOAuthCredential(db, params.accountId, params.inboxId);
  if (!current) throw notFound("OAuth2 sign-in for this inbox");
  const ready = usable(current, options, Date.now());
  if (ready) return ready;

  type Outcome = { token: AccessToken } | { problem: OAuthTokenError };
  const outcome = await inTransaction(db, async (tx): Promise<Outcome> => {
    const credential = await findOAuthCredential(tx, params.accountId, params.inboxId, { lock: true });
    if (!credential) throw notFound("OAuth2 sign-in for this inbox");
    // Another caller may have renewed it while this one waited for the lock.
    const renewed = usable(credential, options, Date.now());
    if (renewed) return { token: renewed };
    const label = credential.provider === "google" ? "Google" : "Microsoft";
    try {
      const config = providerConfig(credential.provider, { tenant: credential.tenant });
      const refreshToken = decryptSecret(credential.refreshTokenEnc);
      const startedAt = Date.now();
      const res = await oauth.refreshTokenGrantRequest(config.as, config.client, config.clientAuth, refreshToken, requestOptions(config));
      const response = await oauth.processRefreshTokenResponse(config.as, config.client, res);
      const tokens = tokensFromResponse(response, { refreshToken, scopes: credential.scopes }, startedAt);
      const now = new Date();
      await tx
        .update(oauthCredentials)
        .set({
          accessTokenEnc: encryptSecret(tokens.accessToken),
          accessTokenExpiresAt: tokens.expiresAt,
          // Microsoft (and sometimes Google) rotate the refresh token: the old one may stop working.
          refreshTokenEnc: tokens.refreshToken === refreshToken ? credential.refreshTokenEnc : encryptSecret(tokens.refreshToken),
          scopes: tokens.scopes,
          lastRefreshedAt: now,
          lastError: null,
          lastErrorAt: null,
          updatedAt: now,
        })
        .where(eq(oauthCredentials.id, credential.id));
      return { token: tokenOf(credential, tokens.accessToken, tokens.expiresAt) };
    } catch (error) {
      const problem =
        error instanceof SecretUnreadableError
          ? new OAuthTokenError(`The saved sign-in for ${credential.mailboxAddress} cannot be read: the encryption key changed. Reconnect the mailbox.`, true, false)
          : // The server's own configuration (a client id missing from env): words for the admin, not a retry.
            error instanceof AppError && !(error instanceof OAuthTokenError)
            ? new OAuthTokenError(error.message, false, false)
            : describeTokenError(error, label);
      await recordTokenFailure(tx, credential, problem.message, problem.reconnectNeeded);
      return { problem };
    }
  });
  if ("problem" in outcome) {
    log.warn("token refresh failed", { accountId: params.accountId, inboxId: params.inboxId, error: outcome.problem.message, reconnectNeeded: outcome.problem.reconnectNeeded });
    throw outcome.problem;
  }
  return outcome.token;
}

/**
 * For the cron: renews every access token that expires within `aheadMs`, one inbox at a time (each
 * with its own lock). Inboxes waiting for an admin to reconnect are left alone. A failure of one
 * inbox never stops the others.
 */
export async function refreshDueTokens(db: Db, options: { aheadMs?: number; limit?: number } = {}): Promise<{ refreshed: number; failed: number; reconnectNeeded: number }> {
  const aheadMs = options.aheadMs ?? 2 * REFRESH_AHEAD_MS;
  const due = await db
    .select({ accountId: oauthCredentials.accountId, inboxId: oauthCredentials.inboxId })
    .from(oauthCredentials)
    .innerJoin(inboxes, and(eq(inboxes.accountId, oauthCredentials.accountId), eq(inboxes.id, oauthCredentials.inboxId)))
    .leftJoin(channelEmail, and(eq(inboxes.channelType, "email"), eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(
      and(
        sql`(${oauthCredentials.accessTokenExpiresAt} is null or ${lt(oauthCredentials.accessTokenExpiresAt, new Date(Date.now() + aheadMs))})`,
        sql`coalesce(${channelEmail.health}, 'ok') <> 'reconnect_needed'`,
      ),
    )
    .orderBy(oauthCredentials.accessTokenExpiresAt)
    .limit(options.limit ?? 500);
  const result = { refreshed: 0, failed: 0, reconnectNeeded: 0 };
  for (const row of due) {
    try {
      await getAccessToken(db, row, { minValidityMs: aheadMs });
      result.refreshed += 1;
    } catch (error) {
      result.failed += 1;
      if (error instanceof OAuthTokenError && error.reconnectNeeded) result.reconnectNeeded += 1;
    }
  }
  return result;
}
