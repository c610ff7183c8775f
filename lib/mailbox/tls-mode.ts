/**
 * How a mail connection is encrypted, as the form offers it:
 * - "tls": SSL/TLS from the first byte (IMAP 993, SMTP 465);
 * - "starttls": STARTTLS when the server offers it (IMAP 143, SMTP 587). A server that does not
 *   offer it gets a plain session; Test connection says so as a warning;
 * - "none": never encrypted (a relay on the same host or LAN), stated plainly in the form.
 * Stored as Chatwoot's booleans: imap_enable_ssl / imap_enable_starttls_auto, smtp_enable_ssl_tls /
 * smtp_enable_starttls_auto.
 */
export type TlsMode = "tls" | "starttls" | "none";

export const TLS_MODES: TlsMode[] = ["tls", "starttls", "none"];

export function imapTlsMode(c: { imapEnableSsl: boolean; imapEnableStarttlsAuto?: boolean | null }): TlsMode {
  return c.imapEnableSsl ? "tls" : c.imapEnableStarttlsAuto === false ? "none" : "starttls";
}

export function smtpTlsMode(c: { smtpEnableSslTls: boolean; smtpEnableStarttlsAuto: boolean }): TlsMode {
  return c.smtpEnableSslTls ? "tls" : c.smtpEnableStarttlsAuto ? "starttls" : "none";
}
