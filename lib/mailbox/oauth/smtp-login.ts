import type { Db } from "@/db/client";
import type { ChannelEmail } from "@/db/schema";
import { SmtpSendError } from "@/lib/mailbox/smtp/send-smtp";
import { getAccessToken } from "./access-token";
import { OAuthTokenError } from "./errors";

/**
 * The XOAUTH2 login for sending through an OAuth2 inbox's SMTP server: the channel with the SASL
 * user set to the mailbox address (a shared mailbox's, with the delegate's token) and a fresh
 * access token. A refused sign-in is a permanent send failure (the admin must reconnect); a
 * provider hiccup is a temporary one, retried like a 4xx.
 */
export async function smtpOAuthLogin(db: Db, channel: ChannelEmail, inboxId: number): Promise<{ channel: ChannelEmail; accessToken: string }> {
  try {
    const token = await getAccessToken(db, { accountId: channel.accountId, inboxId });
    return { channel: { ...channel, smtpLogin: token.mailboxAddress }, accessToken: token.accessToken };
  } catch (error) {
    if (error instanceof OAuthTokenError) throw new SmtpSendError(error.message, !error.retryable, null);
    if (error instanceof Error && "code" in error && error.code === "not_found") {
      throw new SmtpSendError(`No OAuth2 sign-in is stored for ${channel.email}: reconnect the mailbox.`, true, null);
    }
    throw error;
  }
}
