import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes } from "@/db/schema";
import { mailDomain, parseReplyAddress } from "@/lib/email/ids";
import { AppError } from "@/lib/errors";

/**
 * What an email inbox claims on the whole installation, not only in its account: its address
 * (forwarded mail is routed by it, lib/email/route/route-inbound.ts) and the mailbox it reads
 * (IMAP host + login + folder: two inboxes reading one mailbox each move away what they import,
 * so each would see only part of the mail). A second claim is refused. These are the only
 * queries of lib/inboxes that look across accounts; their answers name an inbox only when it is
 * in the caller's account, and otherwise say "another inbox on this Postdesk", nothing more.
 *
 * Writers call these inside their transaction: the advisory lock makes two concurrent creates
 * of one address or mailbox take turns, and the unique index on lower(email) stays the backstop.
 */
const CLAIMS_LOCK = 0x70640001;

export const ADDRESS_TAKEN_ELSEWHERE = "This address is already used by another inbox on this Postdesk";
export const MAILBOX_TAKEN_ELSEWHERE = "This mailbox is already read by another inbox on this Postdesk";

async function lockClaims(db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${CLAIMS_LOCK})`);
}

async function holders(db: DbOrTx, where: SQL, exceptChannelId?: number) {
  return db
    .select({ accountId: channelEmail.accountId, inboxName: inboxes.name })
    .from(channelEmail)
    .leftJoin(inboxes, and(eq(inboxes.accountId, channelEmail.accountId), eq(inboxes.channelId, channelEmail.id), eq(inboxes.channelType, "email")))
    .where(exceptChannelId === undefined ? where : and(where, ne(channelEmail.id, exceptChannelId)))
    .limit(5);
}

/**
 * One address is one inbox on this Postdesk, so inbound mail has exactly one place to go in each
 * account it is for. Addresses at the inbound domain that Postdesk hands out itself (forwarding
 * and reply+ addresses) cannot be claimed either.
 */
export async function assertAddressFree(db: DbOrTx, accountId: number, email: string, exceptChannelId?: number): Promise<void> {
  await lockClaims(db);
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at > 0 && address.slice(at + 1) === mailDomain().toLowerCase()) {
    const local = address.slice(0, at);
    const forwarding = await holders(db, eq(channelEmail.forwardingToken, local), exceptChannelId);
    if (parseReplyAddress(address) || forwarding.length > 0) throw new AppError("conflict", ADDRESS_TAKEN_ELSEWHERE);
  }
  const rows = await holders(db, sql`lower(${channelEmail.email}) = ${address}`, exceptChannelId);
  if (rows.length === 0) return;
  const own = rows.find((r) => r.accountId === accountId);
  if (own) throw new AppError("conflict", `An inbox for ${email} already exists in this account${own.inboxName ? `: "${own.inboxName}"` : ""}`);
  throw new AppError("conflict", ADDRESS_TAKEN_ELSEWHERE);
}

export type MailboxClaim = { email: string; imapEnabled: boolean; imapAddress?: string | null; imapLogin?: string | null; imapFolder: string };

/**
 * One mailbox (IMAP host + login + folder, compared without case; the login is the address when
 * none is set, as the poller signs in) is read by one inbox. Only inboxes that read over IMAP
 * claim one; a Graph inbox's mailbox is its address (above).
 */
export async function assertMailboxFree(db: DbOrTx, accountId: number, mailbox: MailboxClaim, exceptChannelId?: number): Promise<void> {
  if (!mailbox.imapEnabled || !mailbox.imapAddress) return;
  const login = mailbox.imapLogin || mailbox.email;
  await lockClaims(db);
  const rows = await holders(
    db,
    and(
      eq(channelEmail.imapEnabled, true),
      sql`lower(${channelEmail.imapAddress}) = ${mailbox.imapAddress.trim().toLowerCase()}`,
      sql`lower(coalesce(nullif(${channelEmail.imapLogin}, ''), ${channelEmail.email})) = ${login.trim().toLowerCase()}`,
      sql`lower(${channelEmail.imapFolder}) = ${mailbox.imapFolder.trim().toLowerCase()}`,
    ) as SQL,
    exceptChannelId,
  );
  if (rows.length === 0) return;
  const own = rows.find((r) => r.accountId === accountId);
  const where = `${login} on ${mailbox.imapAddress}, folder ${mailbox.imapFolder}`;
  if (own) throw new AppError("conflict", `The mailbox ${where} is already read by the inbox "${own.inboxName ?? "?"}": two inboxes on one mailbox would each take the other's mail`);
  throw new AppError("conflict", `${MAILBOX_TAKEN_ELSEWHERE} (${where}): two inboxes on one mailbox would each take the other's mail`);
}
