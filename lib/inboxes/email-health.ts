import { and, count, desc, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, inboxes, rawEmails } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, isAdministrator, requireAccountAccess } from "@/lib/accounts/access";
import { AppError } from "@/lib/errors";
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
  /** The newest 50, for administrators (they can reprocess them); empty for agents. */
  quarantined: QuarantinedEmail[];
};

/** The inbox health panel (EMAIL.md §1 "Health is visible"): members of the inbox may read it. */
export async function getEmailInboxHealth(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<EmailInboxHealth> {
  const access = await requireAccountAccess(db, actor, accountId);
  await assertInboxAccess(db, access, inboxId);
  const channel = await loadEmailChannel(db, accountId, inboxId);
  if (!channel) throw new AppError("not_found", "Email inbox not found");
  const scope = and(eq(rawEmails.accountId, accountId), eq(rawEmails.inboxId, inboxId));
  const [[today], [quarantinedTotal]] = await Promise.all([
    db
      .select({ n: count() })
      .from(rawEmails)
      .where(and(scope, eq(rawEmails.status, "imported"), gte(rawEmails.processedAt, sql`date_trunc('day', now())`))),
    db.select({ n: count() }).from(rawEmails).where(and(scope, eq(rawEmails.status, "quarantined"))),
  ]);
  const quarantined = isAdministrator(access) ? await listQuarantined(db, accountId, inboxId) : [];
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
      head: sql<string>`convert_from(substring(${rawEmails.raw} from 1 for 8192), 'SQL_ASCII')`,
    })
    .from(rawEmails)
    .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.inboxId, inboxId), eq(rawEmails.status, "quarantined")))
    .orderBy(desc(rawEmails.receivedAt), desc(rawEmails.id))
    .limit(50);
  return rows.map(({ head, ...r }) => ({ ...r, subject: headerValue(head, "subject"), from: headerValue(head, "from") }));
}

function headerValue(head: string, name: string): string | null {
  const unfolded = head.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, " ") ?? "";
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line ? line.slice(name.length + 1).trim().slice(0, 200) || null : null;
}

/** Email inboxes of the account whose mailbox needs an administrator to sign in again (the banner). */
export async function inboxesNeedingReconnect(db: DbOrTx, actor: Actor, accountId: number): Promise<{ id: number; name: string }[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (!isAdministrator(access)) return [];
  return db
    .select({ id: inboxes.id, name: inboxes.name })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.channelType, "email"), eq(channelEmail.health, "reconnect_needed")))
    .orderBy(inboxes.name);
}
