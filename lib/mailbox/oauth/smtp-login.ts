import type { Db } from "@/db/client";
import type { ChannelEmail } from "@/db/schema";
import { SmtpSendError, sendViaSmtp, type SmtpEnvelope, type SmtpResult } from "@/lib/mailbox/smtp/send-smtp";
import { getAccessToken } from "./access-token";
import { OAuthTokenError } from "./errors";

/**
 * The XOAUTH2 login for sending through an OAuth2 inbox's SMTP server: the channel with the SASL
 * user set to the mailbox address (a shared mailbox's, with the delegate's token) and a fresh
 * access token. A refused sign-in is a permanent send failure (the admin must reconnect); a
 * provider hiccup is a temporary one, retried like a 4xx.
 */
export async function smtpOAuthLogin(db: Db, channel: ChannelEmail, inboxId: number, rejectedToken?: string): Promise<{ channel: ChannelEmail; accessToken: string }> {
  try {
    const token = await getAccessToken(db, { accountId: channel.accountId, inboxId }, { rejectedToken });
    return { channel: { ...channel, smtpLogin: token.mailboxAddress }, accessToken: token.accessToken };
  } catch (error) {
    if (error instanceof OAuthTokenError) throw new SmtpSendError(error.message, !error.retryable, null);
    if (error instanceof Error && "code" in error && error.code === "not_found") {
      throw new SmtpSendError(`No OAuth2 sign-in is stored for ${channel.email}: reconnect the mailbox.`, true, null);
    }
    throw error;
  }
}

/** SMTP's "authentication failed" reply (RFC 4954). */
const AUTH_FAILED = 535;

/**
 * Sends through an OAuth2 inbox's SMTP server with XOAUTH2. A login refused with a token that had
 * not expired (revoked early) is retried once with a renewed one; refused again, the words say
 * what to check (Send As, SMTP AUTH turned on for the mailbox).
 */
export async function sendViaSmtpWithOAuth(db: Db, channel: ChannelEmail, inboxId: number, envelope: SmtpEnvelope, raw: Buffer): Promise<SmtpResult> {
  const login = await smtpOAuthLogin(db, channel, inboxId);
  try {
    return await sendViaSmtp(login.channel, envelope, raw, { accessToken: login.accessToken });
  } catch (error) {
    if (!(error instanceof SmtpSendError) || error.responseCode !== AUTH_FAILED) throw error;
  }
  const renewed = await smtpOAuthLogin(db, channel, inboxId, login.accessToken);
  try {
    return await sendViaSmtp(renewed.channel, envelope, raw, { accessToken: renewed.accessToken });
  } catch (error) {
    if (!(error instanceof SmtpSendError) || error.responseCode !== AUTH_FAILED) throw error;
    const user = renewed.channel.smtpLogin ?? channel.email;
    throw new SmtpSendError(
      `The mail server refused the OAuth2 login as ${user} with a fresh token (${error.message}): check that the signed-in account may Send As ${user} and that SMTP AUTH is turned on for the mailbox, then reconnect it.`,
      true,
      AUTH_FAILED,
    );
  }
}
