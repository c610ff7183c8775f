import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rawEmails } from "@/db/schema";
import { dedupeKey } from "@/lib/email/ingest/dedupe-key";
import type { IngestSource } from "@/lib/email/ingest/ingest-raw-email";
import { inboundEmailStored } from "@/inngest/events";
import { sendEvent } from "@/inngest/send";

export type StoredInbound = { status: "accepted" | "duplicate"; rawEmailId: number };

export type StoreParams = { accountId: number; inboxId: number; source: IngestSource; sourceRef: string | null; raw: Buffer };

/**
 * The only work an ingress request does before answering: keep the bytes (raw_emails, the same
 * unique (inbox, dedupe key) as every inbound path, so a second delivery is a 'duplicate') and
 * queue their import (inngest/functions/mail/import-forwarded-email.ts). The insert commits on
 * its own, so the event is sent after commit; should sending fail, the request fails and the
 * sender retries, which finds the row still pending and queues it again.
 */
export async function storeInboundEmail(db: Db, params: StoreParams): Promise<StoredInbound> {
  const key = dedupeKey(params.raw);
  const [inserted] = await db
    .insert(rawEmails)
    .values({
      accountId: params.accountId,
      inboxId: params.inboxId,
      source: params.source,
      sourceRef: params.sourceRef,
      dedupeKey: key.key,
      sha256: key.sha256,
      raw: params.raw,
      byteSize: params.raw.length,
    })
    .onConflictDoNothing()
    .returning({ id: rawEmails.id });
  if (inserted) {
    // The event id makes a resent event (a retried request to Inngest) one run.
    await sendEvent(inboundEmailStored.create({ accountId: params.accountId, inboxId: params.inboxId, rawEmailId: inserted.id }, { id: `raw-email-${inserted.id}` }));
    return { status: "accepted", rawEmailId: inserted.id };
  }

  const [existing] = await db
    .select({ id: rawEmails.id, status: rawEmails.status })
    .from(rawEmails)
    .where(and(eq(rawEmails.accountId, params.accountId), eq(rawEmails.inboxId, params.inboxId), eq(rawEmails.dedupeKey, key.key)))
    .limit(1);
  if (!existing) throw new Error(`raw_emails row for ${key.key} vanished during ingestion`);
  if (existing.status !== "pending") return { status: "duplicate", rawEmailId: existing.id };
  // Stored earlier but not imported yet (or its event was lost): queue it again. The import
  // locks the row and imports a pending one once, so two runs for it are harmless.
  await sendEvent(inboundEmailStored.create({ accountId: params.accountId, inboxId: params.inboxId, rawEmailId: existing.id }));
  return { status: "accepted", rawEmailId: existing.id };
}
