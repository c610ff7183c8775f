import type { EmailChannelBody } from "./endpoints/inboxes";
import type { EmailChannelInput } from "@/lib/inboxes/email-inbox-input";

/** Chatwoot's snake_case Channel::Email fields → the domain's settings (absent stays absent). */
export function emailChannelParams(b: EmailChannelBody): Partial<EmailChannelInput> {
  const out: Record<string, unknown> = {
    email: b.email,
    imapEnabled: b.imap_enabled,
    imapAddress: b.imap_address,
    imapPort: b.imap_port,
    imapLogin: b.imap_login,
    imapPassword: b.imap_password,
    imapEnableSsl: b.imap_enable_ssl,
    imapEnableStarttlsAuto: b.imap_enable_starttls_auto,
    imapFolder: b.imap_folder,
    imapProcessedFolder: b.imap_processed_folder,
    imapAfterImport: b.imap_after_import,
    pollIntervalSeconds: b.poll_interval_seconds,
    smtpEnabled: b.smtp_enabled,
    smtpAddress: b.smtp_address,
    smtpPort: b.smtp_port,
    smtpLogin: b.smtp_login,
    smtpPassword: b.smtp_password,
    smtpDomain: b.smtp_domain,
    smtpEnableSslTls: b.smtp_enable_ssl_tls,
    smtpEnableStarttlsAuto: b.smtp_enable_starttls_auto,
    smtpAuthentication: b.smtp_authentication,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as Partial<EmailChannelInput>;
}
