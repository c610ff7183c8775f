import { and, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import { simpleParser } from "mailparser";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes, rawEmails } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, requireAccountAccess } from "@/lib/accounts/access";
import { can } from "@/lib/accounts/permissions";
import { withKnownCharsets } from "@/lib/email/parse/charset-fallback";
import { readableHeader } from "@/lib/email/parse/header-text";
import { cleanLine } from "@/lib/email/parse/hostile-text";
import { AppError } from "@/lib/errors";
import { batchedValue } from "@/lib/request-batch";
import { loadEmailChannel } from "./email-channel-details";

export type QuarantinedEmail = { id: number; receivedAt: Date; error: string | null; subject: string | null; from: string | null; byteSize: number; source: string };

export type EmailInboxHealth = {
  status: "ok" | "error" | "reconnect_needed";
  imapEnabled: boolean;
  lastPollAt: Date | null;
  lastSuccessfulPollAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  backfillSince: Date | null;
  importedToday: number;
  quarantinedCount: number;
  /** Stored more than STUCK_AFTER_MINUTES ago and still not imported (nor quarantined). */
  stuckCount: number;
  stuckAfterMinutes: number;
  /** The newest 50, for administrators (they can reprocess them); empty for agents. */
  quarantined: QuarantinedEmail[];
};

/** A message is imported within seconds; one still pending after this is stuck, and the panel says so. */
export const STUCK_AFTER_MINUTES = 15;

/** The inbox health panel (docs/email.md, Ingestion: "Never silent"): members of the inbox may read it. */
export async function getEmailInboxHealth(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<EmailInboxHealth> {
  const access = await requireAccountAccess(db, actor, accountId);
  await assertInboxAccess(db, access, inboxId);
  const channel = await loadEmailChannel(db, accountId, inboxId);
  if (!channel) throw new AppError("not_found", "Email inbox not found");
  const scope = and(eq(rawEmails.accountId, accountId), eq(rawEmails.inboxId, inboxId));
  const [[today], [quarantinedTotal], [stuck]] = await Promise.all([
    db
      .select({ n: count() })
      .from(rawEmails)
      .where(and(scope, eq(rawEmails.status, "imported"), gte(rawEmails.processedAt, sql`date_trunc('day', now())`))),
    db.select({ n: count() }).from(rawEmails).where(and(scope, eq(rawEmails.status, "quarantined"))),
    db
      .select({ n: count() })
      .from(rawEmails)
      .where(and(scope, eq(rawEmails.status, "pending"), lt(rawEmails.receivedAt, sql`now() - make_interval(mins => ${STUCK_AFTER_MINUTES})`))),
  ]);
  const quarantined = can(access, "inbox_manage") ? await listQuarantined(db, accountId, inboxId) : [];
  return {
    status: channel.health,
    imapEnabled: channel.imapEnabled,
    lastPollAt: channel.lastPollAt,
    lastSuccessfulPollAt: channel.lastSuccessfulPollAt,
    lastError: channel.lastError,
    lastErrorAt: channel.lastErrorAt,
    backfillSince: channel.backfillSince,
    importedToday: today?.n ?? 0,
    quarantinedCount: quarantinedTotal?.n ?? 0,
    stuckCount: stuck?.n ?? 0,
    stuckAfterMinutes: STUCK_AFTER_MINUTES,
    quarantined,
  };
}

async function listQuarantined(db: DbOrTx, accountId: number, inboxId: number): Promise<QuarantinedEmail[]> {
  const rows = await db
    .select({
      id: rawEmails.id,
      receivedAt: rawEmails.receivedAt,
      error: rawEmails.error,
      byteSize: rawEmails.byteSize,
      source: rawEmails.source,
      // The header block is enough to name the message; the rest of the bytes stay in the database.
      head: sql<Buffer>`substring(${rawEmails.raw} from 1 for 8192)`,
    })
    .from(rawEmails)
    .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.inboxId, inboxId), eq(rawEmails.status, "quarantined")))
    .orderBy(desc(rawEmails.receivedAt), desc(rawEmails.id))
    .limit(50);
  return Promise.all(rows.map(async ({ head, ...r }) => ({ ...r, ...(await describeHead(head)) })));
}

/**
 * Subject and sender of a quarantined message, decoded (RFC 2047, charsets) from its header
 * block only. The message failed to import, so its headers may be broken too: fall back to
 * showing nothing rather than failing the panel.
 */
async function describeHead(head: Buffer): Promise<{ subject: string | null; from: string | null }> {
  const bytes = Buffer.from(head);
  const end = bytes.indexOf("\r\n\r\n") >= 0 ? bytes.indexOf("\r\n\r\n") : bytes.indexOf("\n\n");
  try {
    const block = Buffer.concat([end >= 0 ? bytes.subarray(0, end) : bytes, Buffer.from("\r\n\r\n")]);
    const mail = await simpleParser(withKnownCharsets(block), { skipTextToHtml: true });
    const clip = (v: string | undefined) => cleanLine(v, 200) || null;
    // Broken encoded words and raw 8-bit bytes read as characters, not "n�$z" (header-text.ts).
    return { subject: clip(readableHeader(mail.subject, block, "subject")), from: clip(readableHeader(mail.from?.text, block, "from")) };
  } catch {
    return { subject: null, from: null };
  }
}

/** Email inboxes of the account whose mailbox needs an administrator to sign in again (the banner). */
export async function inboxesNeedingReconnect(db: DbOrTx, actor: Actor, accountId: number): Promise<{ id: number; name: string }[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (!can(access, "inbox_manage")) return [];
  // Every signed-in administrator's page shows the banner: a value of the request's batch (lib/request-batch.ts).
  const found = await batchedValue<{ id: number; name: string }[] | null>(
    db,
    sql`select json_agg(json_build_object('id', ${inboxes.id}, 'name', ${inboxes.name}) order by ${inboxes.name})
      from ${inboxes}
      join ${channelEmail} on ${channelEmail.accountId} = ${inboxes.accountId} and ${channelEmail.id} = ${inboxes.channelId}
      where ${inboxes.accountId} = ${accountId} and ${inboxes.channelType} = 'email' and ${channelEmail.health} = 'reconnect_needed'`,
  );
  return found ?? [];
}
