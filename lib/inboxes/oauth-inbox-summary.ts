import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, requireAccountAccess } from "@/lib/accounts/access";
import { findOAuthCredential } from "@/lib/mailbox/oauth/credentials-store";
import type { OAuthProviderName, OAuthTransport } from "@/lib/mailbox/oauth/providers";
import { emailApiSummaryOf, loadInboxChannel, type OAuthEmailApiSummary } from "./oauth-email-api";

/** What the inbox settings page shows about an OAuth2 inbox's sign-in (never a token). */
export type OAuthInboxSummary = {
  provider: OAuthProviderName;
  transport: OAuthTransport;
  mailboxAddress: string;
  delegateEmail: string | null;
  lastRefreshedAt: Date | null;
  lastError: string | null;
  /** imap_api: the email API that sends (provider, domain, region; never the key). */
  emailApi: OAuthEmailApiSummary | null;
};

export async function getOAuthInboxSummary(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<OAuthInboxSummary | null> {
  const access = await requireAccountAccess(db, actor, accountId);
  await assertInboxAccess(db, access, inboxId);
  const row = await findOAuthCredential(db, accountId, inboxId);
  if (!row) return null;
  const channel = row.transport === "imap_api" ? await loadInboxChannel(db, accountId, inboxId) : null;
  return {
    provider: row.provider,
    transport: row.transport,
    mailboxAddress: row.mailboxAddress,
    delegateEmail: row.delegateEmail,
    lastRefreshedAt: row.lastRefreshedAt,
    lastError: row.lastError,
    emailApi: channel ? emailApiSummaryOf(channel) : null,
  };
}
