import { env } from "@/lib/env";
import type { OAuthProviderName, OAuthTransport } from "@/lib/mailbox/oauth/providers";

/**
 * What the Google / Microsoft 365 wizard needs to know about this server: which env variables are
 * missing (the wizard names them instead of sending the admin to a provider that will refuse),
 * which transports exist, and where each provider's IMAP/SMTP servers are.
 */
export const OAUTH_ENV_VARIABLES: Record<OAuthProviderName, readonly ["GOOGLE_CLIENT_ID" | "MICROSOFT_CLIENT_ID", "GOOGLE_CLIENT_SECRET" | "MICROSOFT_CLIENT_SECRET"]> = {
  google: ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
  microsoft: ["MICROSOFT_CLIENT_ID", "MICROSOFT_CLIENT_SECRET"],
};

export function missingOAuthVariables(provider: OAuthProviderName): string[] {
  const e = env();
  return OAUTH_ENV_VARIABLES[provider].filter((name) => !e[name]);
}

/** Transports that can move mail today; any other is shown as "coming soon" in the wizard. */
export const AVAILABLE_TRANSPORTS: readonly OAuthTransport[] = ["imap_smtp", "imap_api", "graph"];

export const isTransportAvailable = (transport: OAuthTransport): boolean => AVAILABLE_TRANSPORTS.includes(transport);

export type MailServers = { imap: { host: string; port: number; secure: boolean }; smtp: { host: string; port: number; secure: boolean } };

/** 993 and 465 are implicit TLS; other ports use STARTTLS when the server offers it. */
export function providerMailServers(provider: OAuthProviderName): MailServers {
  const e = env();
  const imap = provider === "google" ? { host: e.GMAIL_IMAP_HOST, port: e.GMAIL_IMAP_PORT } : { host: e.OUTLOOK_IMAP_HOST, port: e.OUTLOOK_IMAP_PORT };
  const smtp = provider === "google" ? { host: e.GMAIL_SMTP_HOST, port: e.GMAIL_SMTP_PORT } : { host: e.OUTLOOK_SMTP_HOST, port: e.OUTLOOK_SMTP_PORT };
  return { imap: { ...imap, secure: imap.port === 993 }, smtp: { ...smtp, secure: smtp.port === 465 } };
}

export const providerLabel = (provider: OAuthProviderName): string => (provider === "google" ? "Google" : "Microsoft 365");
