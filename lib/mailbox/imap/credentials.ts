import type { ChannelEmail } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";

/**
 * How the poller logs in to an inbox's IMAP server. The transport boundary for OAuth2: password
 * mailboxes decrypt their stored password here; Google and Microsoft mailboxes (next issue) return
 * `{ user, accessToken }` from their token store, and nothing else in the poll changes.
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

export async function imapAuth(channel: ChannelEmail): Promise<ImapAuth> {
  const user = channel.imapLogin || channel.email;
  if (channel.provider !== "password") {
    throw new ImapCredentialsError(`Signing in to ${channel.provider} mailboxes with OAuth2 is not available yet: connect ${user} with a password.`, true);
  }
  if (!channel.imapPasswordEnc) throw new ImapCredentialsError(`No IMAP password is stored for ${user}: enter it in the inbox settings.`, true);
  try {
    return { user, pass: decryptSecret(channel.imapPasswordEnc) };
  } catch (error) {
    throw new ImapCredentialsError(error instanceof Error ? error.message : String(error), true);
  }
}
