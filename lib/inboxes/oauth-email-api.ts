import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes, type ChannelEmail } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { SecretUnreadableError, decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { AppError, invalid, notFound } from "@/lib/errors";
import { verifyEmailApiAccess } from "@/lib/mailbox/email-api/send-email-api";
import { emailApiSettingsInput, regionOf, type EmailApiProviderName, type EmailApiSettingsInput, type MailgunRegion } from "@/lib/mailbox/email-api/settings";
import { findOAuthCredential } from "@/lib/mailbox/oauth/credentials-store";

/** The sending side of an `imap_api` inbox as the settings page shows it: never the key itself. */
export type OAuthEmailApiSummary = {
  provider: EmailApiProviderName;
  domain: string;
  baseUrl: string;
  region: MailgunRegion | "custom";
  hasApiKey: boolean;
};

export function emailApiSummaryOf(channel: ChannelEmail): OAuthEmailApiSummary | null {
  const { emailApiProvider: provider, emailApiDomain: domain, emailApiBaseUrl: baseUrl } = channel;
  if (!provider || !domain || !baseUrl) return null;
  return { provider, domain, baseUrl, region: regionOf(baseUrl), hasApiKey: Boolean(channel.emailApiKeyEnc) };
}

export async function loadInboxChannel(db: DbOrTx, accountId: number, inboxId: number): Promise<ChannelEmail | null> {
  const [row] = await db
    .select({ channel: channelEmail })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId), eq(inboxes.channelType, "email")));
  return row?.channel ?? null;
}

/**
 * Changes the email API an `imap_api` inbox sends through (administrators). A blank key keeps the
 * stored one, but only for the base URL it was entered for: the key never goes to another server. The provider must accept the key and know the domain (checked without sending)
 * before anything is saved, so a typo cannot silently break sending.
 */
export async function updateOAuthEmailApi(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, params: EmailApiSettingsInput): Promise<OAuthEmailApiSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const input = parseInput(emailApiSettingsInput, params);
  const channel = await loadInboxChannel(db, accountId, inboxId);
  if (!channel) throw notFound("Inbox");
  const credential = await findOAuthCredential(db, accountId, inboxId);
  if (credential?.transport !== "imap_api") throw new AppError("invalid", "This inbox does not send through an email API.");
  let apiKey = input.apiKey;
  if (!apiKey && channel.emailApiKeyEnc && channel.emailApiBaseUrl !== input.baseUrl) {
    throw invalid("API key: Re-enter the API key: the API's base URL changed", { issues: [{ path: "apiKey", message: "API key: Re-enter the API key: the API's base URL changed" }] });
  }
  if (!apiKey && channel.emailApiKeyEnc) {
    try {
      apiKey = decryptSecret(channel.emailApiKeyEnc);
    } catch (error) {
      if (error instanceof SecretUnreadableError) throw new AppError("invalid", "The stored API key can no longer be read (the encryption key changed): enter it again.");
      throw error;
    }
  }
  if (!apiKey) throw new AppError("invalid", "Enter the API key");
  await verifyEmailApiAccess({ provider: input.provider, domain: input.domain, baseUrl: input.baseUrl, apiKey });
  const [updated] = await db
    .update(channelEmail)
    .set({
      emailApiProvider: input.provider,
      emailApiDomain: input.domain,
      emailApiBaseUrl: input.baseUrl,
      ...(input.apiKey ? { emailApiKeyEnc: encryptSecret(input.apiKey) } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, channel.id)))
    .returning();
  const summary = emailApiSummaryOf(updated);
  if (!summary) throw new Error("email API settings were not saved");
  return summary;
}
