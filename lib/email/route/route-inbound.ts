import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, conversations, inboxes } from "@/db/schema";
import { mailDomain, parseReplyAddress } from "@/lib/email/ids";
import type { ParsedEmail } from "@/lib/email/types";

/**
 * Which inbox a forwarded message belongs to (relay and provider webhooks, where the mail does not
 * come out of one inbox's own mailbox). Looks at To, Cc, Delivered-To and X-Original-To, plus any
 * envelope recipient the transport told us, and takes the first match in this order:
 *   1. a reply+<conversation uuid>@<our domain> address → that conversation's inbox;
 *   2. a forwarding address <token>@<our domain> → its inbox;
 *   3. an email inbox's own address (case-insensitive) — only when exactly one inbox has it,
 *      since the same address may be an inbox in two accounts.
 * Returns null when nothing matches: the caller rejects the mail so the sender's server bounces it.
 */
export type InboundRoute = {
  accountId: number;
  inboxId: number;
  matchedBy: "reply_address" | "forwarding_address" | "inbox_address";
  address: string;
};

export type RoutingFields = Pick<ParsedEmail, "to" | "cc" | "envelopeRecipients">;

export function recipientAddresses(parsed: RoutingFields, extra: string[] = []): string[] {
  const all = [...extra, ...parsed.envelopeRecipients, ...parsed.to.map((a) => a.address), ...parsed.cc.map((a) => a.address)];
  return [...new Set(all.map((a) => a.trim().toLowerCase()).filter((a) => a.includes("@")))];
}

export async function routeInboundEmail(db: DbOrTx, parsed: RoutingFields, extraRecipients: string[] = []): Promise<InboundRoute | null> {
  const addresses = recipientAddresses(parsed, extraRecipients);
  if (addresses.length === 0) return null;
  const domain = mailDomain().toLowerCase();
  const ours = (a: string) => a.slice(a.lastIndexOf("@") + 1) === domain;
  for (const address of addresses) {
    const reply = parseReplyAddress(address);
    if (!reply || reply.domain !== domain) continue;
    const [row] = await db
      .select({ accountId: conversations.accountId, inboxId: conversations.inboxId })
      .from(conversations)
      .innerJoin(inboxes, and(eq(inboxes.accountId, conversations.accountId), eq(inboxes.id, conversations.inboxId)))
      .where(and(eq(conversations.uuid, reply.conversationUuid), eq(inboxes.channelType, "email")));
    if (row) return { ...row, matchedBy: "reply_address", address };
  }
  const tokens = addresses.filter(ours).map((a) => a.slice(0, a.lastIndexOf("@")));
  if (tokens.length > 0) {
    const rows = await emailInboxesWhere(db, inArray(channelEmail.forwardingToken, tokens));
    for (const address of addresses) {
      const hit = rows.find((r) => `${r.forwardingToken}@${domain}` === address);
      if (hit) return { accountId: hit.accountId, inboxId: hit.inboxId, matchedBy: "forwarding_address", address };
    }
  }
  const byAddress = await emailInboxesWhere(db, inArray(sql`lower(${channelEmail.email})`, addresses));
  for (const address of addresses) {
    const hits = byAddress.filter((r) => r.email.toLowerCase() === address);
    if (hits.length === 1) return { accountId: hits[0].accountId, inboxId: hits[0].inboxId, matchedBy: "inbox_address", address };
  }
  return null;
}

function emailInboxesWhere(db: DbOrTx, where: ReturnType<typeof inArray>) {
  return db
    .select({ accountId: inboxes.accountId, inboxId: inboxes.id, email: channelEmail.email, forwardingToken: channelEmail.forwardingToken })
    .from(channelEmail)
    .innerJoin(inboxes, and(eq(inboxes.accountId, channelEmail.accountId), eq(inboxes.channelId, channelEmail.id), eq(inboxes.channelType, "email")))
    .where(where);
}
