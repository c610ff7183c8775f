import { ImapFlow } from "imapflow";
import { AppError } from "@/lib/errors";

/**
 * Checks, before an OAuth2 inbox is created, that the signed-in account's token really opens the
 * mailbox: IMAP AUTHENTICATE XOAUTH2 as the mailbox address, CAPABILITY, open INBOX, log out.
 * A failure is an AppError in words the admin can act on (Full Access, IMAP turned off), so the
 * callback can refuse without leaving anything behind.
 */
export type MailboxAccessParams = {
  host: string;
  port: number;
  secure: boolean;
  /** The SASL user: the mailbox's address (a shared mailbox's, with a delegate's token). */
  mailbox: string;
  accessToken: string;
  /** Who signed in, for the words ("agent@… has no Full Access on support@…"). */
  signedInAs?: string | null;
  providerLabel: string;
};

const TIMEOUT_MS = 15_000;

type ErrorLike = { code?: unknown; authenticationFailed?: unknown; responseText?: unknown; message?: unknown };

function describe(error: unknown, params: MailboxAccessParams): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const who = params.signedInAs && params.signedInAs.toLowerCase() !== params.mailbox.toLowerCase() ? params.signedInAs : "The signed-in account";
  const text = String(e.responseText || e.message || error);
  if (e.authenticationFailed === true || /AUTHENTICATE failed|authentication failed/i.test(text)) {
    return `${who} could not open ${params.mailbox} over IMAP: it has no Full Access on ${params.mailbox}, or IMAP is disabled for this mailbox or tenant. Grant Full Access (shared mailboxes) and turn IMAP on, then try again.`;
  }
  if (/IMAP.*disabled|not enabled|IMAP access/i.test(text)) {
    return `IMAP is disabled for this tenant or for ${params.mailbox} at ${params.providerLabel}. Turn IMAP on for the mailbox, then try again.`;
  }
  const code = typeof e.code === "string" ? e.code : "";
  if (code) return `Could not reach the IMAP server ${params.host}:${params.port} to check access to ${params.mailbox} (${code}). Try again in a moment.`;
  return `The IMAP server refused to open ${params.mailbox}: ${text}`;
}

export async function verifyMailboxAccess(params: MailboxAccessParams): Promise<{ capabilities: string[] }> {
  const client = new ImapFlow({
    host: params.host,
    port: params.port,
    secure: params.secure,
    auth: { user: params.mailbox, accessToken: params.accessToken },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS * 2,
    disableAutoIdle: true,
  });
  // Socket errors after connect arrive as events; without a listener Node would crash.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const capabilities = [...client.capabilities.keys()];
    await client.mailboxOpen("INBOX", { readOnly: true });
    return { capabilities };
  } catch (error) {
    throw new AppError("invalid", describe(error, params));
  } finally {
    await client.logout().catch(() => client.close());
  }
}
