import { and, desc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import type { DbOrTx } from "@/db/client";
import { conversations, emailDeliveries, inboxes, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, requireAdministrator } from "@/lib/accounts/access";
import { notFound } from "@/lib/errors";

/**
 * The local outbox: mail of inboxes without an SMTP server is captured here instead of being
 * sent (ARCHITECTURE "Running on one machine"), so the product works without a mail server and an
 * administrator can read exactly what would have gone out. Administrators only: it holds every
 * customer's mail.
 */
export type OutboxItem = {
  id: number;
  messageId: number;
  conversationDisplayId: number;
  inboxName: string;
  to: string[];
  subject: string;
  createdAt: Date;
};

const headerBlock = (raw: Buffer) => {
  const end = raw.indexOf("\r\n\r\n");
  return end === -1 ? raw : raw.subarray(0, end + 4);
};

async function subjectOf(raw: Buffer | null): Promise<string> {
  if (!raw) return "";
  const parsed = await simpleParser(headerBlock(raw), { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  return parsed.subject ?? "";
}

function outboxQuery(db: DbOrTx) {
  return db
    .select({ delivery: emailDeliveries, conversationDisplayId: conversations.displayId, inboxName: inboxes.name })
    .from(emailDeliveries)
    .innerJoin(messages, and(eq(messages.accountId, emailDeliveries.accountId), eq(messages.id, emailDeliveries.messageId)))
    .innerJoin(conversations, and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId)))
    .innerJoin(inboxes, and(eq(inboxes.accountId, emailDeliveries.accountId), eq(inboxes.id, emailDeliveries.inboxId)))
    .$dynamic();
}

type Row = Awaited<ReturnType<ReturnType<typeof outboxQuery>["execute"]>>[number];

async function toItem(row: Row): Promise<OutboxItem> {
  const { delivery } = row;
  return {
    id: delivery.id,
    messageId: delivery.messageId,
    conversationDisplayId: row.conversationDisplayId,
    inboxName: row.inboxName,
    to: [...(delivery.envelope?.to ?? []), ...(delivery.envelope?.cc ?? [])],
    subject: await subjectOf(delivery.raw),
    createdAt: delivery.sentAt ?? delivery.createdAt,
  };
}

export async function listOutbox(db: DbOrTx, actor: Actor, accountId: number, options: { limit?: number } = {}): Promise<OutboxItem[]> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const rows = await outboxQuery(db)
    .where(and(eq(emailDeliveries.accountId, accountId), eq(emailDeliveries.transport, "outbox"), eq(emailDeliveries.status, "sent")))
    .orderBy(desc(emailDeliveries.id))
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
  return Promise.all(rows.map(toItem));
}

/** One captured mail with its exact bytes, as a mail client would receive them. */
export async function readOutboxMessage(db: DbOrTx, actor: Actor, accountId: number, deliveryId: number): Promise<OutboxItem & { raw: string }> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const [row] = await outboxQuery(db)
    .where(and(eq(emailDeliveries.accountId, accountId), eq(emailDeliveries.id, deliveryId), eq(emailDeliveries.transport, "outbox")))
    .limit(1);
  if (!row?.delivery.raw) throw notFound("Outbox message");
  return { ...(await toItem(row)), raw: row.delivery.raw.toString("utf8") };
}
