import type { ReactNode } from "react";
import type { EmailChannelDetails } from "@/lib/inboxes/email-channel-details";
import type { EmailFormValues } from "./email-server-fields";

/** How mail moves for this inbox, and where to forward mail to it (administrators only). */
export function EmailTransportSummary({
  email,
  showForwarding,
  inboundDomainConfigured,
}: {
  email: EmailChannelDetails;
  showForwarding: boolean;
  inboundDomainConfigured: boolean;
}) {
  const receiving = email.imapEnabled ? `IMAP ${email.imapAddress ?? ""}:${email.imapPort}, folder ${email.imapFolder}, every ${email.pollIntervalSeconds} s` : "Forwarding only";
  const sending = email.emailApi
    ? `${email.emailApi.provider === "mailgun" ? "Mailgun" : email.emailApi.provider} API, domain ${email.emailApi.domain}`
    : email.smtpEnabled
      ? `SMTP ${email.smtpAddress ?? ""}:${email.smtpPort}`
      : "Local outbox (no SMTP server)";
  return (
    <dl className="space-y-1 px-5 py-4 text-sm">
      <Row label="Address">{email.email}</Row>
      <Row label="Receiving">{receiving}</Row>
      <Row label="Sending">{sending}</Row>
      {showForwarding ? (
        <Row label="Forwarding address">
          <span className="font-mono break-all">{email.forwardingAddress}</span>
          <span className="block text-xs text-slate-500">Forward or redirect mail to this address (or route it to /api/ingress) to have it land in this inbox.</span>
          {inboundDomainConfigured ? null : (
            <span className="block text-xs text-amber-700">INBOUND_EMAIL_DOMAIN is not set: this address uses the app's host name. Set it to a domain whose mail reaches Postdesk.</span>
          )}
        </Row>
      ) : null}
    </dl>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-40 shrink-0 text-slate-500">{label}</dt>
      <dd className="text-slate-800">{children}</dd>
    </div>
  );
}

/** The stored settings as the form's starting values (no passwords: only whether one is stored). */
export function emailFormValues(e: EmailChannelDetails): EmailFormValues {
  return {
    email: e.email,
    imapEnabled: e.imapEnabled,
    imapAddress: e.imapAddress ?? "",
    imapPort: e.imapPort,
    imapLogin: e.imapLogin ?? "",
    imapEnableSsl: e.imapEnableSsl,
    imapEnableStarttlsAuto: e.imapEnableStarttlsAuto,
    imapFolder: e.imapFolder,
    imapProcessedFolder: e.imapProcessedFolder,
    imapAfterImport: e.imapAfterImport,
    pollIntervalSeconds: e.pollIntervalSeconds,
    hasImapPassword: e.hasImapPassword,
    smtpEnabled: e.smtpEnabled,
    smtpAddress: e.smtpAddress ?? "",
    smtpPort: e.smtpPort,
    smtpLogin: e.smtpLogin ?? "",
    smtpDomain: e.smtpDomain ?? "",
    smtpEnableSslTls: e.smtpEnableSslTls,
    smtpEnableStarttlsAuto: e.smtpEnableStarttlsAuto,
    smtpAuthentication: e.smtpAuthentication,
    hasSmtpPassword: e.hasSmtpPassword,
  };
}
