"use client";

import { useState } from "react";
import type { FieldErrors } from "@/app/_server/action";
import { Field, Input, Select } from "@/components/ui/field";

/** What the form shows; passwords are never sent to the browser, only whether one is stored. */
export type EmailFormValues = {
  email: string;
  imapEnabled: boolean;
  imapAddress: string;
  imapPort: number;
  imapLogin: string;
  imapEnableSsl: boolean;
  imapEnableStarttlsAuto: boolean;
  imapFolder: string;
  imapProcessedFolder: string;
  imapAfterImport: "move" | "mark_seen" | "leave";
  pollIntervalSeconds: number;
  hasImapPassword: boolean;
  smtpEnabled: boolean;
  smtpAddress: string;
  smtpPort: number;
  smtpLogin: string;
  smtpDomain: string;
  smtpEnableSslTls: boolean;
  smtpEnableStarttlsAuto: boolean;
  smtpAuthentication: string;
  hasSmtpPassword: boolean;
};

export const NEW_EMAIL_INBOX: EmailFormValues = {
  email: "",
  imapEnabled: true,
  imapAddress: "",
  imapPort: 993,
  imapLogin: "",
  imapEnableSsl: true,
  imapEnableStarttlsAuto: true,
  imapFolder: "INBOX",
  imapProcessedFolder: "Processed",
  imapAfterImport: "move",
  pollIntervalSeconds: 60,
  hasImapPassword: false,
  smtpEnabled: true,
  smtpAddress: "",
  smtpPort: 587,
  smtpLogin: "",
  smtpDomain: "",
  smtpEnableSslTls: false,
  smtpEnableStarttlsAuto: true,
  smtpAuthentication: "login",
  hasSmtpPassword: false,
};

/**
 * The form's fields as the domain's settings (numbers, booleans, security choices unfolded). The
 * fields of a switched-off section are not in the form, so they are left out (kept as stored).
 */
export function channelFromForm(form: FormData): Record<string, unknown> {
  const s = (name: string) => String(form.get(name) ?? "").trim();
  const imapEnabled = form.get("imapEnabled") === "on";
  const smtpEnabled = form.get("smtpEnabled") === "on";
  const smtpSecurity = s("smtpSecurity");
  const imapSecurity = s("imapSecurity");
  return {
    email: s("email"),
    imapEnabled,
    ...(imapEnabled
      ? {
          imapAddress: s("imapAddress") || null,
          imapPort: Number(s("imapPort")),
          imapLogin: s("imapLogin") || null,
          imapPassword: String(form.get("imapPassword") ?? "") || null,
          imapEnableSsl: imapSecurity === "ssl",
          imapEnableStarttlsAuto: imapSecurity !== "none",
          imapFolder: s("imapFolder"),
          imapProcessedFolder: s("imapProcessedFolder"),
          imapAfterImport: s("imapAfterImport"),
          pollIntervalSeconds: Number(s("pollIntervalSeconds")),
        }
      : {}),
    smtpEnabled,
    ...(smtpEnabled
      ? {
          smtpAddress: s("smtpAddress") || null,
          smtpPort: Number(s("smtpPort")),
          smtpLogin: s("smtpLogin") || null,
          smtpPassword: String(form.get("smtpPassword") ?? "") || null,
          smtpDomain: s("smtpDomain") || null,
          smtpEnableSslTls: smtpSecurity === "ssl",
          smtpEnableStarttlsAuto: smtpSecurity === "starttls",
          smtpAuthentication: s("smtpAuthentication"),
        }
      : {}),
  };
}

const grid = "grid gap-4 sm:grid-cols-2";

/** The three TLS choices, the same words for IMAP and SMTP (lib/mailbox/tls-mode.ts). */
function SecurityOptions() {
  return (
    <>
      <option value="ssl">SSL/TLS</option>
      <option value="starttls">STARTTLS when offered (otherwise unencrypted)</option>
      <option value="none">None (unencrypted)</option>
    </>
  );
}

/**
 * The server fields. `errors` are the last answer's problems by field path ("channel.imapAddress"),
 * each shown under its field.
 */
export function EmailServerFields({ values, disabled, errors = {} }: { values: EmailFormValues; disabled?: boolean; errors?: FieldErrors }) {
  const [imapOn, setImapOn] = useState(values.imapEnabled);
  const [smtpOn, setSmtpOn] = useState(values.smtpEnabled);
  const keep = "Leave blank to keep the stored password. Changing the server, port, security or login needs it entered again.";
  const e = (name: string) => errors[`channel.${name}`];
  return (
    <div className="space-y-6">
      <Field id="email-address" error={e("email")} label="Email address" hint="The address customers write to.">
        <Input id="email-address" name="email" type="email" required defaultValue={values.email} disabled={disabled} placeholder="support@example.com" />
      </Field>

      <fieldset className="space-y-4" disabled={disabled}>
        <legend className="text-sm font-semibold text-slate-900">Receiving (IMAP)</legend>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="imapEnabled" checked={imapOn} onChange={(e) => setImapOn(e.target.checked)} /> Fetch mail from an IMAP mailbox
        </label>
        {imapOn ? (
          <div className={grid}>
            <Field id="imap-address" error={e("imapAddress")} label="IMAP host">
              <Input id="imap-address" name="imapAddress" required defaultValue={values.imapAddress} placeholder="imap.example.com" />
            </Field>
            <Field id="imap-port" error={e("imapPort")} label="IMAP port" hint="993 with SSL/TLS, 143 with STARTTLS.">
              <Input id="imap-port" name="imapPort" type="number" min={1} max={65535} required defaultValue={values.imapPort} />
            </Field>
            <Field id="imap-security" error={e("imapEnableSsl")} label="IMAP security">
              <Select id="imap-security" name="imapSecurity" defaultValue={values.imapEnableSsl ? "ssl" : values.imapEnableStarttlsAuto ? "starttls" : "none"}>
                <SecurityOptions />
              </Select>
            </Field>
            <Field id="imap-login" error={e("imapLogin")} label="IMAP login" hint="Usually the email address.">
              <Input id="imap-login" name="imapLogin" defaultValue={values.imapLogin} autoComplete="off" />
            </Field>
            <Field id="imap-password" error={e("imapPassword")} label="IMAP password" hint={values.hasImapPassword ? keep : undefined}>
              <Input id="imap-password" name="imapPassword" type="password" autoComplete="new-password" />
            </Field>
            <Field id="imap-folder" error={e("imapFolder")} label="Folder to read">
              <Input id="imap-folder" name="imapFolder" required defaultValue={values.imapFolder} />
            </Field>
            <Field id="imap-after-import" error={e("imapAfterImport")} label="After import">
              <Select id="imap-after-import" name="imapAfterImport" defaultValue={values.imapAfterImport}>
                <option value="move">Move to the processed folder</option>
                <option value="mark_seen">Mark as read</option>
                <option value="leave">Leave untouched</option>
              </Select>
            </Field>
            <Field id="imap-processed-folder" error={e("imapProcessedFolder")} label="Processed folder" hint="Created after you save, if missing.">
              <Input id="imap-processed-folder" name="imapProcessedFolder" required defaultValue={values.imapProcessedFolder} />
            </Field>
            <Field id="poll-interval" error={e("pollIntervalSeconds")} label="Poll interval (seconds)" hint="At least 30.">
              <Input id="poll-interval" name="pollIntervalSeconds" type="number" min={30} required defaultValue={values.pollIntervalSeconds} />
            </Field>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Mail reaches this inbox only through its forwarding address.</p>
        )}
      </fieldset>

      <fieldset className="space-y-4" disabled={disabled}>
        <legend className="text-sm font-semibold text-slate-900">Sending (SMTP)</legend>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="smtpEnabled" checked={smtpOn} onChange={(e) => setSmtpOn(e.target.checked)} /> Send replies through an SMTP server
        </label>
        {smtpOn ? (
          <div className={grid}>
            <Field id="smtp-address" error={e("smtpAddress")} label="SMTP host">
              <Input id="smtp-address" name="smtpAddress" required defaultValue={values.smtpAddress} placeholder="smtp.example.com" />
            </Field>
            <Field id="smtp-port" error={e("smtpPort")} label="SMTP port" hint="587 with STARTTLS, 465 with SSL/TLS.">
              <Input id="smtp-port" name="smtpPort" type="number" min={1} max={65535} required defaultValue={values.smtpPort} />
            </Field>
            <Field id="smtp-security" error={e("smtpEnableSslTls")} label="SMTP security">
              <Select id="smtp-security" name="smtpSecurity" defaultValue={values.smtpEnableSslTls ? "ssl" : values.smtpEnableStarttlsAuto ? "starttls" : "none"}>
                <SecurityOptions />
              </Select>
            </Field>
            <Field id="smtp-authentication" error={e("smtpAuthentication")} label="SMTP authentication">
              <Select id="smtp-authentication" name="smtpAuthentication" defaultValue={values.smtpAuthentication}>
                <option value="login">LOGIN</option>
                <option value="plain">PLAIN</option>
                <option value="cram_md5">CRAM-MD5</option>
                <option value="none">None</option>
              </Select>
            </Field>
            <Field id="smtp-login" error={e("smtpLogin")} label="SMTP login">
              <Input id="smtp-login" name="smtpLogin" defaultValue={values.smtpLogin} autoComplete="off" />
            </Field>
            <Field id="smtp-password" error={e("smtpPassword")} label="SMTP password" hint={values.hasSmtpPassword ? keep : undefined}>
              <Input id="smtp-password" name="smtpPassword" type="password" autoComplete="new-password" />
            </Field>
            <Field id="smtp-domain" error={e("smtpDomain")} label="HELO domain" hint="Optional: the name this server gives in EHLO.">
              <Input id="smtp-domain" name="smtpDomain" defaultValue={values.smtpDomain} />
            </Field>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Replies are kept in the local outbox until SMTP is set up.</p>
        )}
      </fieldset>
    </div>
  );
}
