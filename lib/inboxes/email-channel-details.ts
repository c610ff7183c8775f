import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes, type ChannelEmail } from "@/db/schema";
import { mailDomain } from "@/lib/email/ids";
import { env } from "@/lib/env";

/**
 * What the settings page and the API may show of an email channel: everything but the passwords
 * (only whether one is stored). Readers authorize before calling these.
 */
export type EmailChannelDetails = {
  channelId: number;
  email: string;
  provider: ChannelEmail["provider"];
  forwardingAddress: string;
  imapEnabled: boolean;
  imapAddress: string | null;
  imapPort: number;
  imapLogin: string | null;
  hasImapPassword: boolean;
  imapEnableSsl: boolean;
  imapEnableStarttlsAuto: boolean;
  imapFolder: string;
  imapProcessedFolder: string;
  imapAfterImport: ChannelEmail["imapAfterImport"];
  pollIntervalSeconds: number;
  smtpEnabled: boolean;
  smtpAddress: string | null;
  smtpPort: number;
  smtpLogin: string | null;
  hasSmtpPassword: boolean;
  smtpDomain: string | null;
  smtpEnableSslTls: boolean;
  smtpEnableStarttlsAuto: boolean;
  smtpAuthentication: string;
  /** imap_api inboxes send through an email HTTP API instead of SMTP (never the key). */
  emailApi: { provider: string; domain: string } | null;
  health: ChannelEmail["health"];
  lastPollAt: Date | null;
  lastSuccessfulPollAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  backfillSince: Date | null;
};

export const forwardingAddress = (token: string): string => `${token}@${mailDomain()}`;

/** Without INBOUND_EMAIL_DOMAIN the forwarding address uses APP_URL's host, which rarely receives mail. */
export const isInboundDomainConfigured = (): boolean => Boolean(env().INBOUND_EMAIL_DOMAIN);

export function toEmailChannelDetails(c: ChannelEmail): EmailChannelDetails {
  const { imapPasswordEnc, smtpPasswordEnc, forwardingToken, id, email, provider } = c;
  return {
    channelId: id,
    email,
    provider,
    forwardingAddress: forwardingAddress(forwardingToken),
    imapEnabled: c.imapEnabled,
    imapAddress: c.imapAddress,
    imapPort: c.imapPort,
    imapLogin: c.imapLogin,
    hasImapPassword: Boolean(imapPasswordEnc),
    imapEnableSsl: c.imapEnableSsl,
    imapEnableStarttlsAuto: c.imapEnableStarttlsAuto,
    imapFolder: c.imapFolder,
    imapProcessedFolder: c.imapProcessedFolder,
    imapAfterImport: c.imapAfterImport,
    pollIntervalSeconds: c.pollIntervalSeconds,
    smtpEnabled: c.smtpEnabled,
    smtpAddress: c.smtpAddress,
    smtpPort: c.smtpPort,
    smtpLogin: c.smtpLogin,
    hasSmtpPassword: Boolean(smtpPasswordEnc),
    smtpDomain: c.smtpDomain,
    smtpEnableSslTls: c.smtpEnableSslTls,
    smtpEnableStarttlsAuto: c.smtpEnableStarttlsAuto,
    smtpAuthentication: c.smtpAuthentication,
    emailApi: c.emailApiProvider && c.emailApiDomain ? { provider: c.emailApiProvider, domain: c.emailApiDomain } : null,
    health: c.health,
    lastPollAt: c.lastPollAt,
    lastSuccessfulPollAt: c.lastSuccessfulPollAt,
    lastError: c.lastError,
    lastErrorAt: c.lastErrorAt,
    backfillSince: c.backfillSince,
  };
}

/** The email channel row of an inbox of the account, or null when the inbox is not an email inbox. */
export async function loadEmailChannel(db: DbOrTx, accountId: number, inboxId: number): Promise<ChannelEmail | null> {
  const [row] = await db
    .select({ channel: channelEmail })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.id, inboxes.channelId), eq(channelEmail.accountId, inboxes.accountId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId), eq(inboxes.channelType, "email")));
  return row?.channel ?? null;
}

/** Email details for several inboxes at once (the inbox list), keyed by inbox id. */
export async function emailChannelDetailsByInbox(db: DbOrTx, accountId: number, inboxIds: number[]): Promise<Map<number, EmailChannelDetails>> {
  if (inboxIds.length === 0) return new Map();
  const rows = await db
    .select({ inboxId: inboxes.id, channel: channelEmail })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.id, inboxes.channelId), eq(channelEmail.accountId, inboxes.accountId)))
    .where(and(eq(inboxes.accountId, accountId), inArray(inboxes.id, inboxIds), eq(inboxes.channelType, "email")));
  return new Map(rows.map((r) => [r.inboxId, toEmailChannelDetails(r.channel)]));
}

/**
 * Attaches the email details to inboxes for display. Server settings and the forwarding address
 * (anyone who knows it can deliver into the inbox) are for administrators only.
 */
export type WithEmail<T> = T & { email: (EmailChannelDetails & { settingsVisible: boolean }) | null };

export async function attachEmailDetails<T extends { id: number }>(db: DbOrTx, accountId: number, isAdmin: boolean, list: T[]): Promise<WithEmail<T>[]> {
  const details = await emailChannelDetailsByInbox(db, accountId, list.map((i) => i.id));
  return list.map((i) => {
    const d = details.get(i.id);
    return { ...i, email: d ? { ...d, settingsVisible: isAdmin } : null };
  });
}
