import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rawEmails } from "@/db/schema";
import { dedupeKey } from "@/lib/email/ingest/dedupe-key";
import { findLegacyDuplicates } from "@/lib/email/ingest/legacy-duplicates";
import type { IngestSource } from "@/lib/email/ingest/ingest-raw-email";
import { inboundEmailStored } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { claimReplayToken, releaseReplayToken, type ReplayToken } from "./replay-tokens";
import { inTransaction } from "@/db/transaction";

export type StoredInbound = { status: "accepted" | "duplicate"; rawEmailId: number };

export type StoreParams = {
  accountId: number;
  inboxId: number;
  source: IngestSource;
  sourceRef: string | null;
  raw: Buffer;
  /** What the sending server said the mail is for (kept for threading by a reply+ address). */
  envelopeRecipients?: string[];
  /** A signed webhook's single-use token, recorded with the message (replay-tokens.ts). */
  replayToken?: ReplayToken;
};

type Stored = { id: number; status: "new" | "pending" | "processed" };

/**
 * The only work an ingress request does before answering: keep the bytes (raw_emails, the same
 * unique (inbox, dedupe key) as every inbound path: the same Message-ID and the same content,
 * dedupe-key.ts) and answer 'accepted' for a message stored now, 'duplicate' for one stored
 * before (still pending: its import is queued again, see below). Then
 * queue their import (inngest/functions/mail/import-forwarded-email.ts). The event is sent after
 * the commit and awaited here rather than as an after-commit effect (which never fails the
 * caller): should sending fail, the request answers 500, the sender retries, and the retry finds
 * the row still pending and queues it again.
 */
export async function storeInboundEmail(db: Db, params: StoreParams): Promise<StoredInbound> {
  const key = dedupeKey(params.raw);
  const stored = await inTransaction(db, async (tx): Promise<Stored> => {
    if (params.replayToken) await claimReplayToken(tx, params.replayToken);
    const legacy = (await findLegacyDuplicates(tx, params, [key])).get(key.key);
    if (legacy) return { id: legacy.id, status: legacy.status === "pending" ? "pending" : "processed" };
    const [inserted] = await tx
      .insert(rawEmails)
      .values({
        accountId: params.accountId,
        inboxId: params.inboxId,
        source: params.source,
        sourceRef: params.sourceRef,
        dedupeKey: key.key,
        sha256: key.sha256,
        raw: params.raw,
        envelopeRecipients: params.envelopeRecipients ?? [],
        byteSize: params.raw.length,
      })
      .onConflictDoNothing()
      .returning({ id: rawEmails.id });
    if (inserted) return { id: inserted.id, status: "new" };
    const [existing] = await tx
      .select({ id: rawEmails.id, status: rawEmails.status })
      .from(rawEmails)
      .where(and(eq(rawEmails.accountId, params.accountId), eq(rawEmails.inboxId, params.inboxId), eq(rawEmails.dedupeKey, key.key)))
      .limit(1);
    if (!existing) throw new Error(`raw_emails row for ${key.key} vanished during ingestion`);
    return { id: existing.id, status: existing.status === "pending" ? "pending" : "processed" };
  });
  // Stored before: the answer is "duplicate" whatever its import is doing; the bytes are kept once.
  if (stored.status === "processed") return { status: "duplicate", rawEmailId: stored.id };

  const data = { accountId: params.accountId, inboxId: params.inboxId, rawEmailId: stored.id };
  try {
    // A new row's event id makes a resent event (a retried request to Inngest) one run. A row
    // stored earlier but still pending (its event lost, or its import still running) is queued
    // again under a fresh id: the import locks the row and imports a pending one once.
    await sendEvent(stored.status === "new" ? inboundEmailStored.create(data, { id: `raw-email-${stored.id}` }) : inboundEmailStored.create(data));
  } catch (error) {
    if (params.replayToken) await releaseReplayToken(db, params.replayToken);
    throw error;
  }
  return { status: stored.status === "new" ? "accepted" : "duplicate", rawEmailId: stored.id };
}
