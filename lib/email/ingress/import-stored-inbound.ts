import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rawEmails } from "@/db/schema";
import { loadEmailInboxContext } from "@/lib/email/ingest/email-inbox";
import { processStoredEmail, type IngestStatus } from "@/lib/email/ingest/ingest-raw-email";
import { errorText } from "@/lib/storable-text";

export type StoredImportResult = { status: IngestStatus | "already_processed"; rawEmailId: number; reason?: string };

/**
 * The queued half of forwarded mail (store-inbound.ts stored the bytes): parse, thread and import
 * a pending raw email through the one inbound pipeline. Idempotent: a row that is no longer
 * pending (imported, ignored, quarantined by an earlier run) is left alone, and the import locks
 * the row so two runs at once import it once. Bad mail is quarantined, never thrown; only a
 * failure of the database throws, and the job retries.
 */
export async function importStoredInboundEmail(db: Db, accountId: number, rawEmailId: number): Promise<StoredImportResult> {
  const [row] = await db
    .select({ inboxId: rawEmails.inboxId, status: rawEmails.status, raw: rawEmails.raw, archive: rawEmails.archive, envelopeRecipients: rawEmails.envelopeRecipients })
    .from(rawEmails)
    .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.id, rawEmailId)))
    .limit(1);
  // Gone with its inbox (deleted meanwhile), or done by an earlier run.
  if (!row || row.status !== "pending") return { status: "already_processed", rawEmailId };
  const inbox = await loadEmailInboxContext(db, accountId, row.inboxId);
  const result = await processStoredEmail(db, inbox, rawEmailId, row.raw, row.archive, row.envelopeRecipients);
  return { status: result.status, rawEmailId, ...(result.reason ? { reason: result.reason } : {}) };
}

/**
 * The job's last attempt failed too: the message is quarantined with the reason, so it shows in
 * the inbox's health panel with Reprocess instead of staying pending where nobody sees it.
 * Best effort: when the database itself is the problem, this fails as well.
 */
export async function quarantineUnimportable(db: Db, accountId: number, rawEmailId: number, reason: string): Promise<void> {
  await db
    .update(rawEmails)
    .set({ status: "quarantined", error: errorText(reason), processedAt: new Date() })
    .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.id, rawEmailId), eq(rawEmails.status, "pending")));
}
