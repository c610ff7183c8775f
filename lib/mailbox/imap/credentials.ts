import type { Db } from "@/db/client";
import type { ChannelEmail } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";
import { getAccessToken } from "@/lib/mailbox/oauth/access-token";
import { OAuthTokenError } from "@/lib/mailbox/oauth/errors";
import type { ImapFlow } from "imapflow";
import { openImapClient, type ImapClientOptions, type ImapServer } from "./connect";

/**
 * How the poller logs in to an inbox's IMAP server. The transport boundary for OAuth2: password
 * mailboxes decrypt their stored password here; Google and Microsoft mailboxes return
 * `{ user, accessToken }` from their token store (renewed when close to expiry; the user is the
 * mailbox address, a shared mailbox's with a delegate's token), and nothing else in the poll changes.
 */
export type ImapAuth = { user: string; pass: string } | { user: string; accessToken: string };

export class ImapCredentialsError extends Error {
  constructor(
    message: string,
    /** The admin must act (enter the password again, reconnect the account). */
    readonly reconnectNeeded: boolean,
  ) {
    super(message);
    this.name = "ImapCredentialsError";
  }
}

export async function imapAuth(channel: ChannelEmail, oauth?: { db: Db; inboxId: number; rejectedToken?: string }): Promise<ImapAuth> {
  const user = channel.imapLogin || channel.email;
  if (channel.provider !== "password") {
    if (!oauth) throw new Error("imapAuth needs the database and inbox id for OAuth2 mailboxes");
    try {
      const token = await getAccessToken(oauth.db, { accountId: channel.accountId, inboxId: oauth.inboxId }, { rejectedToken: oauth.rejectedToken });
      return { user: token.mailboxAddress, accessToken: token.accessToken };
    } catch (error) {
      if (error instanceof OAuthTokenError) throw new ImapCredentialsError(error.message, error.reconnectNeeded);
      if (error instanceof Error && "code" in error && error.code === "not_found") {
        throw new ImapCredentialsError(`No OAuth2 sign-in is stored for ${user}: reconnect the mailbox.`, true);
      }
      throw error;
    }
  }
  if (!channel.imapPasswordEnc) throw new ImapCredentialsError(`No IMAP password is stored for ${user}: enter it in the inbox settings.`, true);
  try {
    return { user, pass: decryptSecret(channel.imapPasswordEnc) };
  } catch (error) {
    throw new ImapCredentialsError(error instanceof Error ? error.message : String(error), true);
  }
}

const refusedLogin = (error: unknown) => typeof error === "object" && error !== null && (error as { authenticationFailed?: unknown }).authenticationFailed === true;

/**
 * Logs in to the inbox's IMAP server. An OAuth2 login refused with a token that had not expired
 * (providers revoke access tokens early, e.g. after a password change) is retried once with a
 * renewed token; refused again, the admin must act, and the words say what to check.
 */
export async function openImapConnection(db: Db, channel: ChannelEmail, inboxId: number, server: ImapServer, options: ImapClientOptions = {}): Promise<ImapFlow> {
  const auth = await imapAuth(channel, { db, inboxId });
  if (!("accessToken" in auth)) return openImapClient(server, auth, options);
  try {
    return await openImapClient(server, auth, options);
  } catch (error) {
    if (!refusedLogin(error)) throw error;
  }
  const renewed = await imapAuth(channel, { db, inboxId, rejectedToken: auth.accessToken });
  try {
    return await openImapClient(server, renewed, options);
  } catch (error) {
    if (!refusedLogin(error)) throw error;
    throw new ImapCredentialsError(
      `The IMAP server refused the OAuth2 login as ${renewed.user} with a fresh token: check that the signed-in account has Full Access to ${renewed.user} and that IMAP is turned on for the mailbox, then reconnect it.`,
      true,
    );
  }
}
