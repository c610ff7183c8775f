import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rawEmails } from "@/db/schema";
import { requireAccountAccess, requireAdministrator } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { invalid, notFound } from "@/lib/errors";
import { loadEmailInboxContext } from "./email-inbox";
import { processStoredEmail, type IngestResult } from "./ingest-raw-email";

/**
 * The admin's "Reprocess" on a quarantined message: runs the stored bytes through the pipeline
 * again (after a fix, or once the cause is gone). The row goes back to pending only if it is still
 * quarantined, so two clicks import it once.
 */
export type ReprocessResult = IngestResult & { summary: string };

export async function reprocessRawEmail(db: Db, actor: Actor, accountId: number, rawEmailId: number): Promise<ReprocessResult> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  if (!Number.isSafeInteger(rawEmailId) || rawEmailId <= 0) throw notFound("Quarantined message");
  const [row] = await db
    .select({ id: rawEmails.id, inboxId: rawEmails.inboxId, status: rawEmails.status })
    .from(rawEmails)
    .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.id, rawEmailId)))
    .limit(1);
  if (!row) throw notFound("Quarantined message");
  if (row.status !== "quarantined") throw invalid(`This message is ${row.status}, not quarantined: there is nothing to reprocess`);

  const [claimed] = await db
    .update(rawEmails)
    .set({ status: "pending", error: null, processedAt: null })
    .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.id, rawEmailId), eq(rawEmails.status, "quarantined")))
    .returning({ raw: rawEmails.raw, archive: rawEmails.archive, envelopeRecipients: rawEmails.envelopeRecipients });
  if (!claimed) throw invalid("This message is already being reprocessed");
  const inbox = await loadEmailInboxContext(db, accountId, row.inboxId);
  const result = await processStoredEmail(db, inbox, rawEmailId, claimed.raw, claimed.archive, claimed.envelopeRecipients);
  return { ...result, summary: reprocessSummary(result) };
}

/** What happened, in words for the admin who clicked Reprocess. */
export function reprocessSummary(result: IngestResult): string {
  switch (result.status) {
    case "imported":
      return result.conversationDisplayId !== undefined ? `Imported into conversation #${result.conversationDisplayId}` : "Imported";
    case "quarantined":
      return `Still quarantined: ${result.reason ?? "no reason given"}`;
    case "ignored":
      return `Not imported: ${result.reason ?? "ignored"}`;
    case "duplicate":
      return "Already imported: this message was imported before";
  }
}
