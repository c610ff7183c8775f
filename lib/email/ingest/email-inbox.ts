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

export async function loadEmailInboxContext(db: DbOrTx, accountId: number, inboxId: number): Promise<EmailInboxContext> {
  const rows = await db
    .select({
      inboxId: inboxes.id,
      email: channelEmail.email,
      forwardingToken: channelEmail.forwardingToken,
      autoReplies: sql<boolean>`(${inboxes.greetingEnabled} and coalesce(${inboxes.greetingMessage}, '') <> '') or (${inboxes.workingHoursEnabled} and coalesce(${inboxes.outOfOfficeMessage}, '') <> '')`,
    })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.channelType, "email")));
  const own = rows.find((r) => r.inboxId === inboxId);
  if (!own) throw notFound("Email inbox");
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
