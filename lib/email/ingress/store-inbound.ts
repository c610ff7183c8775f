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

/** An inbox the message is for (routeInboundEmail). */
export type StoreTarget = { accountId: number; inboxId: number };

export type StoreParams = {
  /** Every inbox the message is addressed to: each keeps its own copy and runs its own import. */
  targets: StoreTarget[];
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
  * dedupe-key.ts) and queue their import (inngest/functions/mail/import-forwarded-email.ts).
  * Each copy is answered 'accepted' when stored now, 'duplicate' when stored before (still
  * pending: its import is queued again, see below). A message for several
  * inboxes is stored once per inbox, all in one transaction with the one replay-token claim, so a
  * retry finds every copy or none. The events are sent after the commit and awaited here rather
  * than as after-commit effects (which never fail the caller): should sending fail, the request
  * answers 500, the sender retries, and the retry finds the rows still pending and queues them again.
  * Answers one result per target, in order.
 */
export async function storeInboundEmail(db: Db, params: StoreParams): Promise<StoredInbound[]> {
  const key = dedupeKey(params.raw);
  const stored = await inTransaction(db, async (tx): Promise<Stored[]> => {
    if (params.replayToken) await claimReplayToken(tx, params.replayToken);
    const rows: Stored[] = [];
    for (const target of params.targets) {
      // A copy stored under the old key (the bare Message-ID) with the same content is this message.
      const legacy = (await findLegacyDuplicates(tx, target, [key])).get(key.key);
      if (legacy) {
        rows.push({ id: legacy.id, status: legacy.status === "pending" ? "pending" : "processed" });
        continue;
      }
      const [inserted] = await tx
        .insert(rawEmails)
        .values({
          accountId: target.accountId,
          inboxId: target.inboxId,
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
      if (inserted) {
        rows.push({ id: inserted.id, status: "new" });
        continue;
      }
      const [existing] = await tx
        .select({ id: rawEmails.id, status: rawEmails.status })
        .from(rawEmails)
        .where(and(eq(rawEmails.accountId, target.accountId), eq(rawEmails.inboxId, target.inboxId), eq(rawEmails.dedupeKey, key.key)))
        .limit(1);
      if (!existing) throw new Error(`raw_emails row for ${key.key} vanished during ingestion`);
      rows.push({ id: existing.id, status: existing.status === "pending" ? "pending" : "processed" });
    }
    return rows;
  });

  try {
    for (const [i, row] of stored.entries()) {
      if (row.status === "processed") continue;
      const data = { ...params.targets[i], rawEmailId: row.id };
      // A new row's event id makes a resent event (a retried request to Inngest) one run. A row
      // stored earlier but still pending (its event lost, or its import still running) is queued
      // again under a fresh id: the import locks the row and imports a pending one once.
      await sendEvent(row.status === "new" ? inboundEmailStored.create(data, { id: `raw-email-${row.id}` }) : inboundEmailStored.create(data));
    }
  } catch (error) {
    if (params.replayToken) await releaseReplayToken(db, params.replayToken);
    throw error;
  }
  // Stored before: "duplicate" whatever its import is doing (a pending one was queued again above).
  return stored.map((row) => ({ status: row.status === "new" ? "accepted" : "duplicate", rawEmailId: row.id }));
}
