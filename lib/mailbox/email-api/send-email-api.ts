import type { ChannelEmail } from "@/db/schema";
import { SecretUnreadableError, decryptSecret } from "@/lib/crypto/secrets";
import { AppError } from "@/lib/errors";
import { SmtpSendError, type SmtpResult } from "@/lib/mailbox/smtp/send-smtp";
import { checkMailgunAccess, sendViaMailgun } from "./mailgun";
import type { EmailApiConfig, StoredEmailApi } from "./settings";

/**
 * The one door to the email HTTP APIs (transport `imap_api`): picks the provider's adapter.
 * sendEmailDelivery calls `sendViaEmailApi` with the stored MIME and the envelope recipients;
 * errors are SmtpSendError like every transport's (permanent or worth a retry).
 */

/** The transport name a delivery records ("mailgun"), or null when the inbox sends another way. */
export const emailApiTransportOf = (channel: ChannelEmail): string | null => channel.emailApiProvider ?? null;

function storedOf(channel: ChannelEmail): StoredEmailApi | null {
  const { emailApiProvider: provider, emailApiDomain: domain, emailApiBaseUrl: baseUrl, emailApiKeyEnc: apiKeyEnc } = channel;
  return provider && domain && baseUrl && apiKeyEnc ? { provider, domain, baseUrl, apiKeyEnc } : null;
}

/** Decrypts the key; a changed encryption key cannot be fixed by retrying. */
export function configOf(stored: StoredEmailApi): EmailApiConfig {
  return { provider: stored.provider, domain: stored.domain, baseUrl: stored.baseUrl, apiKey: decryptSecret(stored.apiKeyEnc) };
}

export async function sendViaEmailApi(channel: ChannelEmail, recipients: string[], raw: Buffer): Promise<SmtpResult> {
  const stored = storedOf(channel);
  if (!stored) throw new SmtpSendError("The inbox's email API is not set up: enter its provider, domain and key in the inbox's settings.", true, null);
  let config: EmailApiConfig;
  try {
    config = configOf(stored);
  } catch (error) {
    if (error instanceof SecretUnreadableError) throw new SmtpSendError(`Email API key unreadable. ${error.message}`, true, null);
    throw error;
  }
  switch (config.provider) {
    case "mailgun":
      return sendViaMailgun(config, recipients, raw);
  }
}

/** Checks the key and sending domain without sending anything (AppError in words on refusal). */
export async function verifyEmailApiAccess(config: EmailApiConfig): Promise<void> {
  switch (config.provider) {
    case "mailgun":
      return checkMailgunAccess(config);
    default:
      throw new AppError("invalid", `Unknown email API ${String(config.provider)}`);
  }
}
