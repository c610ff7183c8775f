import type { ChannelEmail } from "@/db/schema";
import { imapTlsMode, smtpTlsMode } from "@/lib/mailbox/tls-mode";

/**
 * A stored mailbox password goes only to the server it was entered for. When a form leaves the
 * password blank ("keep the stored one") but changes where or how it would be sent (host, port,
 * TLS choice, login, or SMTP's authentication method), the stored password is not used: the admin
 * must enter it again. Otherwise anyone who may edit the inbox could point it at their own server
 * and receive the password in clear (Test connection included).
 */
export const REENTER_PASSWORD = "Re-enter the password: the server settings changed";

type Loose<T> = { [K in keyof T]?: T[K] | undefined };
type ImapSide = Loose<Pick<ChannelEmail, "email" | "imapAddress" | "imapPort" | "imapLogin">> & { imapEnableSsl: boolean; imapEnableStarttlsAuto?: boolean | null };
type SmtpSide = Loose<Pick<ChannelEmail, "email" | "smtpAddress" | "smtpPort" | "smtpLogin" | "smtpAuthentication">> & { smtpEnableSslTls: boolean; smtpEnableStarttlsAuto: boolean };

const sameHost = (a: string | null | undefined, b: string | null | undefined) => (a ?? "").trim().toLowerCase().replace(/\.$/, "") === (b ?? "").trim().toLowerCase().replace(/\.$/, "");
const sameLogin = (a: string | null | undefined, b: string | null | undefined) => (a ?? "").trim().toLowerCase() === (b ?? "").trim().toLowerCase();

/** True when the stored IMAP password may be sent with these settings. */
export function imapPasswordReusable(stored: ImapSide, next: ImapSide): boolean {
  return (
    sameHost(stored.imapAddress, next.imapAddress) &&
    stored.imapPort === next.imapPort &&
    imapTlsMode(stored) === imapTlsMode(next) &&
    sameLogin(stored.imapLogin || stored.email, next.imapLogin || next.email)
  );
}

/** True when the stored SMTP password may be sent with these settings. */
export function smtpPasswordReusable(stored: SmtpSide, next: SmtpSide): boolean {
  return (
    sameHost(stored.smtpAddress, next.smtpAddress) &&
    stored.smtpPort === next.smtpPort &&
    smtpTlsMode(stored) === smtpTlsMode(next) &&
    stored.smtpAuthentication === next.smtpAuthentication &&
    sameLogin(stored.smtpLogin || stored.email, next.smtpLogin || next.email)
  );
}
