import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, conversations, inboxes } from "@/db/schema";
import { mailDomain, parseReplyAddress } from "@/lib/email/ids";
import type { ParsedEmail } from "@/lib/email/types";

/**
 * Which inboxes a forwarded message belongs to (relay and provider webhooks, where the mail does
 * not come out of one inbox's own mailbox). Looks at To, Cc, Delivered-To and X-Original-To, plus
 * any envelope recipient the transport told us (Bcc recipients arrive only there), and returns
 * EVERY inbox addressed, each once, by the first of these that names it:
 *   1. a reply+<conversation uuid>@<our domain> address → that conversation's inbox;
 *   2. a forwarding address <token>@<our domain> → its inbox;
 *   3. an email inbox's own address (case-insensitive; unique on the installation,
 *      lib/inboxes/address-claims.ts). An address used by 1 or 2 is not looked up here.
 * Mail To one inbox and Cc another (of this account or another) reaches both, each as its own
 * copy. Returns [] when nothing matches: the caller rejects the mail so the sender's server bounces it.
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

export async function routeInboundEmail(db: DbOrTx, parsed: RoutingFields, extraRecipients: string[] = []): Promise<InboundRoute[]> {
  const addresses = recipientAddresses(parsed, extraRecipients);
  const routes: InboundRoute[] = [];
  const used = new Set<string>();
  const add = (route: InboundRoute) => {
    used.add(route.address);
    if (!routes.some((r) => r.inboxId === route.inboxId)) routes.push(route);
  };
  if (addresses.length === 0) return routes;
  const domain = mailDomain().toLowerCase();
  const ours = (a: string) => a.slice(a.lastIndexOf("@") + 1) === domain;
  for (const address of addresses) {
    const reply = parseReplyAddress(address);
    if (!reply || reply.domain !== domain) continue;
    used.add(address);
    const [row] = await db
      .select({ accountId: conversations.accountId, inboxId: conversations.inboxId })
      .from(conversations)
      .innerJoin(inboxes, and(eq(inboxes.accountId, conversations.accountId), eq(inboxes.id, conversations.inboxId)))
      .where(and(eq(conversations.uuid, reply.conversationUuid), eq(inboxes.channelType, "email")));
    if (row) add({ ...row, matchedBy: "reply_address", address });
  }
  const tokens = addresses.filter((a) => ours(a) && !used.has(a)).map((a) => a.slice(0, a.lastIndexOf("@")));
  if (tokens.length > 0) {
    const rows = await emailInboxesWhere(db, inArray(channelEmail.forwardingToken, tokens));
    for (const address of addresses) {
      const hit = rows.find((r) => `${r.forwardingToken}@${domain}` === address);
      if (hit) add({ accountId: hit.accountId, inboxId: hit.inboxId, matchedBy: "forwarding_address", address });
    }
  }
  const rest = addresses.filter((a) => !used.has(a));
  if (rest.length === 0) return routes;
  const byAddress = await emailInboxesWhere(db, inArray(sql`lower(${channelEmail.email})`, rest));
  for (const address of rest) {
    // One row at most (unique index); the loop keeps the recipients' order.
    for (const hit of byAddress.filter((r) => r.email.toLowerCase() === address)) add({ accountId: hit.accountId, inboxId: hit.inboxId, matchedBy: "inbox_address", address });
  }
  return routes;
}

function emailInboxesWhere(db: DbOrTx, where: ReturnType<typeof inArray>) {
  return db
    .select({ accountId: inboxes.accountId, inboxId: inboxes.id, email: channelEmail.email, forwardingToken: channelEmail.forwardingToken })
    .from(channelEmail)
    .innerJoin(inboxes, and(eq(inboxes.accountId, channelEmail.accountId), eq(inboxes.channelId, channelEmail.id), eq(inboxes.channelType, "email")))
    .where(where);
}
