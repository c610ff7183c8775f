import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes } from "@/db/schema";
import { parseReplyAddress } from "@/lib/email/ids";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";

/** What the pipeline needs to know about the inbox a message was delivered to. */
export type EmailInboxContext = {
  accountId: number;
  inboxId: number;
  email: string;
  forwardingAddress: string | null;
  /** Addresses of every email inbox of the account: never recorded as participants. */
  accountAddresses: Set<string>;
  /** The inbox may answer mail automatically (an acknowledgement or out-of-office reply is set): lib/auto-replies. */
  autoReplies: boolean;
};

/** The columns loadEmailInboxContext reads of each email inbox of the account (inboxes joined with channel_email). */
export const emailInboxColumns = {
  inboxId: inboxes.id,
  email: channelEmail.email,
  forwardingToken: channelEmail.forwardingToken,
  autoReplies: sql<boolean>`(${inboxes.greetingEnabled} and coalesce(${inboxes.greetingMessage}, '') <> '') or (${inboxes.workingHoursEnabled} and coalesce(${inboxes.outOfOfficeMessage}, '') <> '')`,
};
type EmailInboxRow = { inboxId: number; email: string; forwardingToken: string; autoReplies: boolean };

export async function loadEmailInboxContext(db: DbOrTx, accountId: number, inboxId: number): Promise<EmailInboxContext> {
  const rows = await db
    .select(emailInboxColumns)
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.channelType, "email")));
  const context = emailInboxContextOf(accountId, inboxId, rows);
  if (!context) throw notFound("Email inbox");
  return context;
}

/** The context of one inbox from the rows of every email inbox of its account (emailInboxColumns); null when it is not among them. */
export function emailInboxContextOf(accountId: number, inboxId: number, rows: EmailInboxRow[]): EmailInboxContext | null {
  const own = rows.find((r) => r.inboxId === inboxId);
  if (!own) return null;
  const domain = env().INBOUND_EMAIL_DOMAIN?.toLowerCase() ?? null;
  const accountAddresses = new Set<string>();
  for (const row of rows) {
    accountAddresses.add(row.email.toLowerCase());
    if (domain) accountAddresses.add(`${row.forwardingToken}@${domain}`.toLowerCase());
  }
  return {
    accountId,
    inboxId,
    email: own.email.toLowerCase(),
    forwardingAddress: domain ? `${own.forwardingToken}@${domain}`.toLowerCase() : null,
    accountAddresses,
    autoReplies: own.autoReplies,
  };
}

/** The inbox's own address or its forwarding address: mail From these is our own. */
export function isOwnAddress(inbox: EmailInboxContext, address: string): boolean {
  const a = address.toLowerCase();
  return a === inbox.email || a === inbox.forwardingAddress;
}

/** Ours in any way: an inbox of the account, its forwarding address, a reply+ address, our inbound domain. */
export function isAccountAddress(inbox: EmailInboxContext, address: string): boolean {
  const a = address.toLowerCase();
  if (inbox.accountAddresses.has(a) || parseReplyAddress(a)) return true;
  const domain = env().INBOUND_EMAIL_DOMAIN?.toLowerCase();
  return domain !== undefined && a.endsWith(`@${domain}`);
}
