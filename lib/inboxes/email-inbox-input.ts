import { z } from "zod";

/**
 * The settings of an email inbox as the wizard, the API and Test connection give them. Field
 * names are camelCase versions of Chatwoot's Channel::Email names (imap_address → imapAddress).
 * Passwords arrive in clear here and are encrypted before they are stored. Messages name each
 * field as the form labels it (components/settings/email-server-fields.tsx).
 */
const host = (label: string) =>
  z.string().trim().min(1, `${label} can't be blank`).max(255, `${label} is too long`).regex(/^[A-Za-z0-9.[\]:_-]+$/, `${label} must be a host name or an IP address`);
const port = (label: string) => z.coerce.number().int(`${label} must be a whole number`).min(1, `${label} must be between 1 and 65535`).max(65535, `${label} must be between 1 and 65535`);
const optionalText = z.string().trim().max(1000).nullable().optional();
const folder = (label: string) => z.string().trim().min(1, `${label} can't be blank`).max(255, `${label} is too long`);
const password = z.string().max(1000).nullable().optional();

export const emailAddressInput = z.string().trim().toLowerCase().pipe(z.email("Email address is not valid")).pipe(z.string().max(320));

/** Every field, none defaulted: the shape of an update (absent = unchanged). */
export const emailChannelFields = {
  email: emailAddressInput,
  imapEnabled: z.boolean(),
  imapAddress: host("IMAP host").nullable().optional(),
  imapPort: port("IMAP port"),
  imapLogin: optionalText,
  imapPassword: password,
  imapEnableSsl: z.boolean(),
  imapEnableStarttlsAuto: z.boolean(),
  imapFolder: folder("Folder to read"),
  imapProcessedFolder: folder("Processed folder"),
  imapAfterImport: z.enum(["move", "mark_seen", "leave"]),
  pollIntervalSeconds: z.coerce.number().int("Poll interval must be a whole number of seconds").min(30, "Poll interval must be at least 30 seconds").max(86_400, "Poll interval must be at most a day"),
  smtpEnabled: z.boolean(),
  smtpAddress: host("SMTP host").nullable().optional(),
  smtpPort: port("SMTP port"),
  smtpLogin: optionalText,
  smtpPassword: password,
  smtpDomain: optionalText,
  smtpEnableSslTls: z.boolean(),
  smtpEnableStarttlsAuto: z.boolean(),
  smtpAuthentication: z.enum(["plain", "login", "cram_md5", "none"]),
};

type HostFields = { imapEnabled: boolean; imapAddress?: string | null; smtpEnabled: boolean; smtpAddress?: string | null };

export function requireHosts(v: HostFields, ctx: z.RefinementCtx): void {
  if (v.imapEnabled && !v.imapAddress) ctx.addIssue({ code: "custom", path: ["imapAddress"], message: "IMAP host can't be blank" });
  if (v.smtpEnabled && !v.smtpAddress) ctx.addIssue({ code: "custom", path: ["smtpAddress"], message: "SMTP host can't be blank" });
}

const f = emailChannelFields;
/** A new channel: the defaults the wizard shows (993 TLS, INBOX → Processed, 587 STARTTLS). */
export const emailChannelInput = z
  .object({
    ...f,
    imapEnabled: f.imapEnabled.default(true),
    imapPort: f.imapPort.default(993),
    imapEnableSsl: f.imapEnableSsl.default(true),
    imapEnableStarttlsAuto: f.imapEnableStarttlsAuto.default(true),
    imapFolder: f.imapFolder.default("INBOX"),
    imapProcessedFolder: f.imapProcessedFolder.default("Processed"),
    imapAfterImport: f.imapAfterImport.default("move"),
    pollIntervalSeconds: f.pollIntervalSeconds.default(60),
    smtpEnabled: f.smtpEnabled.default(true),
    smtpPort: f.smtpPort.default(587),
    smtpEnableSslTls: f.smtpEnableSslTls.default(false),
    smtpEnableStarttlsAuto: f.smtpEnableStarttlsAuto.default(true),
    smtpAuthentication: f.smtpAuthentication.default("login"),
  })
  // `when`: also when other fields are bad, so the form hears of every problem at once.
  .superRefine(requireHosts, { when: () => true });
export type EmailChannelInput = z.input<typeof emailChannelInput>;
export type EmailChannelSettings = z.infer<typeof emailChannelInput>;
