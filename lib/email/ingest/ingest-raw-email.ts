import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { rawEmails, type RawEmail } from "@/db/schema";
import { parseEmail } from "@/lib/email/parse/parse-email";
import type { ParsedEmail } from "@/lib/email/types";
import { createLogger } from "@/lib/logger";
import { errorText } from "@/lib/storable-text";
import { dedupeKey } from "./dedupe-key";
import { findLegacyDuplicates, type StoredRaw } from "./legacy-duplicates";
import { loadEmailInboxContext, type EmailInboxContext } from "./email-inbox";
import { importParsedEmail, UnimportableEmailError, type ImportOutcome } from "./import-parsed-email";

/**
 * The inbound pipeline every path shares (IMAP poll, relay, provider webhooks, Graph):
 *   1. store the raw bytes (raw_emails), keyed by (inbox, Message-ID + content hash, or sha256 of
 *      the bytes; dedupe-key.ts):
 *      INSERT ... ON CONFLICT DO NOTHING, so a second delivery is a 'duplicate', by the index;
 *   2. parse; mail that cannot be parsed is 'quarantined' with the reason in words;
 *   3. import in one transaction (import-parsed-email.ts): 'imported' or 'ignored' (our own mail,
 *      bounces);
 *   4. after commit: the hook for realtime and webhooks (afterEmailImported).
 * Bad mail never throws to the caller; only a failure to store the bytes (database down) does,
 * so the caller (the poller) keeps the message on the server and retries.
 */
export type IngestSource = RawEmail["source"];
export type IngestStatus = "imported" | "duplicate" | "quarantined" | "ignored";

export type IngestParams = {
  accountId: number;
  inboxId: number;
  source: IngestSource;
  /** Where it came from: "<uidvalidity>:<uid>" for IMAP, the provider's id for webhooks. */
  sourceRef?: string | null;
  raw: Buffer;
  /** Backfill: conversations created resolved, nothing reopened, no automations. */
  archive?: boolean;
};

export type IngestResult = {
  status: IngestStatus;
  rawEmailId: number;
  messageId?: number;
  conversationDisplayId?: number;
  /** Why it was quarantined or ignored, in words. */
  reason?: string;
};

const log = createLogger("email-ingest");

export async function ingestRawEmail(db: Db, params: IngestParams): Promise<IngestResult> {
  const inbox = await loadEmailInboxContext(db, params.accountId, params.inboxId);
  const key = dedupeKey(params.raw);
  const legacy = (await findLegacyDuplicates(db, params, [key])).get(key.key);
  if (legacy) return finishExisting(db, inbox, legacy);
  const [inserted] = await db
    .insert(rawEmails)
    .values({
      accountId: params.accountId,
      inboxId: params.inboxId,
      source: params.source,
      sourceRef: params.sourceRef ?? null,
      dedupeKey: key.key,
      sha256: key.sha256,
      raw: params.raw,
      byteSize: params.raw.length,
      archive: params.archive ?? false,
    })
    .onConflictDoNothing()
    .returning({ id: rawEmails.id });
  if (inserted) return processStoredEmail(db, inbox, inserted.id, params.raw, params.archive ?? false);

  const [existing] = await db
    .select({ id: rawEmails.id, status: rawEmails.status, messageId: rawEmails.messageId })
    .from(rawEmails)
    .where(and(eq(rawEmails.accountId, params.accountId), eq(rawEmails.inboxId, params.inboxId), eq(rawEmails.dedupeKey, key.key)))
    .limit(1);
  if (!existing) throw new Error(`raw_emails row for ${key.key} vanished during ingestion`);
  return finishExisting(db, inbox, existing);
}

/** The message was stored before: a duplicate, or (stored before a crash, never finished) finished now. */
async function finishExisting(db: Db, inbox: EmailInboxContext, existing: StoredRaw): Promise<IngestResult> {
  if (existing.status === "pending") {
    const [row] = await db
      .select({ raw: rawEmails.raw, archive: rawEmails.archive, envelopeRecipients: rawEmails.envelopeRecipients })
      .from(rawEmails)
      .where(and(eq(rawEmails.accountId, inbox.accountId), eq(rawEmails.id, existing.id)));
    // From the bytes stored first.
    if (row) return processStoredEmail(db, inbox, existing.id, row.raw, row.archive, row.envelopeRecipients);
  }
  return { status: "duplicate", rawEmailId: existing.id, ...(existing.messageId !== null ? { messageId: existing.messageId } : {}) };
}

/**
 * Parses and imports a stored raw email that is still pending. `envelopeRecipients` are the
 * forwarding server's recipients stored with the bytes: they count like Delivered-To headers.
 */
export async function processStoredEmail(
  db: Db,
  inbox: EmailInboxContext,
  rawEmailId: number,
  raw: Buffer,
  archive: boolean,
  envelopeRecipients: readonly string[] = [],
): Promise<IngestResult> {
  let parsed: ParsedEmail;
  try {
    parsed = await parseEmail(raw);
    if (envelopeRecipients.length > 0) {
      parsed = { ...parsed, envelopeRecipients: [...new Set([...parsed.envelopeRecipients, ...envelopeRecipients.map((a) => a.toLowerCase())])] };
    }
  } catch (error) {
    return quarantine(db, inbox, rawEmailId, `The message could not be parsed: ${describe(error)}`);
  }

  let outcome: ImportOutcome;
  try {
    outcome = await inTransaction(db, (tx, afterCommit) => importParsedEmail(tx, afterCommit, inbox, rawEmailId, parsed, { archive }));
  } catch (error) {
    if (!(error instanceof UnimportableEmailError)) {
      log.error("email import failed", { accountId: inbox.accountId, inboxId: inbox.inboxId, rawEmailId, error: errorText(error) });
    }
    const reason = error instanceof UnimportableEmailError ? error.message : `The message could not be imported: ${describe(error)}`;
    return quarantine(db, inbox, rawEmailId, reason);
  }

  if (outcome.status === "duplicate") return { status: "duplicate", rawEmailId };
  if (outcome.status === "ignored") {
    return { status: "ignored", rawEmailId, reason: outcome.reason, ...(outcome.messageId !== undefined ? { messageId: outcome.messageId } : {}) };
  }
  await afterEmailImported(inbox, outcome, archive);
  return { status: "imported", rawEmailId, messageId: outcome.messageId, conversationDisplayId: outcome.conversationDisplayId };
}

/**
 * After the import has committed: where realtime updates, webhooks and automations will be
 * triggered (later issues). Archive imports and auto-replies must not trigger automations.
 */
export async function afterEmailImported(inbox: EmailInboxContext, outcome: Extract<ImportOutcome, { status: "imported" }>, archive: boolean): Promise<void> {
  log.debug("email imported", {
    accountId: inbox.accountId,
    inboxId: inbox.inboxId,
    messageId: outcome.messageId,
    conversationId: outcome.conversationId,
    newConversation: outcome.isNewConversation,
    threadedBy: outcome.strategy,
    archive,
  });
}

/** The reason is stored as errorText makes it (storable, capped): recording it cannot fail on its text. */
export async function quarantine(db: Db, inbox: EmailInboxContext, rawEmailId: number, reason: string): Promise<IngestResult> {
  const text = errorText(reason);
  await db
    .update(rawEmails)
    .set({ status: "quarantined", error: text, processedAt: new Date() })
    .where(and(eq(rawEmails.accountId, inbox.accountId), eq(rawEmails.id, rawEmailId), eq(rawEmails.status, "pending")));
  return { status: "quarantined", rawEmailId, reason: text };
}

/** An error in words for a quarantine reason: never a failed statement's parameters (a body). */
export function describe(error: unknown): string {
  return errorText(error);
}
