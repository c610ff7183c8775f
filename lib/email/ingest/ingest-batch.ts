import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { rawEmails } from "@/db/schema";
import { parseEmail } from "@/lib/email/parse/parse-email";
import type { ParsedEmail } from "@/lib/email/types";
import { createLogger } from "@/lib/logger";
import { dedupeKey, type DedupeKey } from "./dedupe-key";
import { findLegacyDuplicates, type StoredRaw } from "./legacy-duplicates";
import { prefetchBatchLookups } from "./batch-lookups";
import { claimPendingRawEmails, finishRawEmails, type RawRowBatch } from "./raw-rows";
import { loadEmailInboxContext, type EmailInboxContext } from "./email-inbox";
import { importParsedEmail, UnimportableEmailError, type ImportOutcome } from "./import-parsed-email";
import { importBatch } from "./import-batch";
import { afterEmailImported, describe, processStoredEmail, quarantine, type IngestResult, type IngestSource } from "./ingest-raw-email";

/**
 * ingestRawEmail for a batch of messages from one inbox (an IMAP fetch), with the same guarantees
 * and far fewer round trips and commits:
 *   1. every raw message is stored in ONE insert (ON CONFLICT DO NOTHING on the unique key) and
 *      committed before anything is parsed; a key seen twice in the batch is a duplicate;
 *   2. each new message is parsed (all at once, overlapping the database work); unparsable ones
 *      are quarantined; what the batch's messages look up (threads, contacts) is read for all of
 *      them in one round trip (batch-lookups.ts);
 *   3. the parsed ones are imported in ONE transaction, with set-based writes for the whole batch
 *      (import-batch.ts: the same results as one at a time); when one of them fails, that attempt rolls
 *      back and the batch is imported again with a savepoint per message: the message that fails
 *      rolls back alone and is quarantined, the others commit together. If the batch
 *      transaction itself fails (connection lost, deadlock), each message is retried on its own
 *      through the one-message path, so one bad message never blocks the rest;
 *   4. after the commit, the per-message hook.
 * Exactly-once stays with the raw row: the batch transaction locks the batch's raw rows in one
 * statement and imports only those still pending (the savepoint and one-message paths lock each
 * row in importParsedEmail); their final status is written in the same transaction.
 * Results come back in the order of the items. Like ingestRawEmail it throws only when the bytes
 * cannot be stored (database down): the caller keeps the mail on the server and retries.
 */
export type BatchItem = { sourceRef?: string | null; raw: Buffer };

type Pending = { index: number; rawEmailId: number; raw: Buffer; archive: boolean };
type Parsed = Pending & { parsed: ParsedEmail };

const log = createLogger("email-ingest");

export async function ingestRawEmails(
  db: Db,
  params: { accountId: number; inboxId: number; source: IngestSource; archive?: boolean; items: BatchItem[] },
): Promise<IngestResult[]> {
  if (params.items.length === 0) return [];
  const inbox = await loadEmailInboxContext(db, params.accountId, params.inboxId);
  const archive = params.archive ?? false;
  const keys = params.items.map((item) => dedupeKey(item.raw));
  // Copies of messages stored under the old key (the bare Message-ID) are not inserted again.
  const legacy = await findLegacyDuplicates(db, params, keys);
  const fresh = params.items.flatMap((item, i) => (legacy.has(keys[i].key) ? [] : [{ item, key: keys[i] }]));
  const inserted = fresh.length === 0 ? [] : await db
    .insert(rawEmails)
    .values(
      fresh.map(({ item, key }) => ({
        accountId: params.accountId,
        inboxId: params.inboxId,
        source: params.source,
        sourceRef: item.sourceRef ?? null,
        dedupeKey: key.key,
        sha256: key.sha256,
        raw: item.raw,
        byteSize: item.raw.length,
        archive,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: rawEmails.id, dedupeKey: rawEmails.dedupeKey });
  const stored = new Map(inserted.map((row) => [row.dedupeKey, row.id]));

  const results: (IngestResult | undefined)[] = new Array(params.items.length);
  const todo: Pending[] = [];
  const claimed = new Map<string, number>();
  const conflicts: number[] = [];
  params.items.forEach((item, index) => {
    const key = keys[index].key;
    const id = stored.get(key);
    if (id === undefined) conflicts.push(index);
    else if (claimed.has(key)) results[index] = { status: "duplicate", rawEmailId: id };
    else {
      claimed.set(key, id);
      todo.push({ index, rawEmailId: id, raw: item.raw, archive });
    }
  });
  await resolveConflicts(db, inbox, keys, conflicts, claimed, results, legacy);

  // Parsing starts for all at once and runs while the import transaction waits on the database;
  // each message is imported as soon as it (and every one before it) is parsed.
  const parsing = todo.map((item) =>
    parseEmail(item.raw).then(
      (parsed): Parsed => ({ ...item, parsed }),
      (error: unknown) => ({ ...item, error }),
    ),
  );
  await importParsed(db, inbox, todo, parsing, results);

  return results.map((result, i) => {
    if (!result) throw new Error(`message ${i} of the batch has no ingestion result`);
    return result;
  });
}

/** Keys already stored: a duplicate, or (stored before a crash, never finished) finished now. */
async function resolveConflicts(
  db: Db,
  inbox: EmailInboxContext,
  keys: DedupeKey[],
  conflicts: number[],
  claimed: Map<string, number>,
  results: (IngestResult | undefined)[],
  legacy: Map<string, StoredRaw>,
): Promise<void> {
  if (conflicts.length === 0) return;
  const wanted = [...new Set(conflicts.map((i) => keys[i].key).filter((key) => !legacy.has(key)))];
  const rows =
    wanted.length === 0
      ? []
      : await db
          .select({ id: rawEmails.id, dedupeKey: rawEmails.dedupeKey, status: rawEmails.status, messageId: rawEmails.messageId })
          .from(rawEmails)
          .where(and(eq(rawEmails.accountId, inbox.accountId), eq(rawEmails.inboxId, inbox.inboxId), inArray(rawEmails.dedupeKey, wanted)));
  const byKey = new Map<string, StoredRaw>([...legacy, ...rows.map((row): [string, StoredRaw] => [row.dedupeKey, row])]);
  for (const index of conflicts) {
    const key = keys[index].key;
    const row = byKey.get(key);
    if (!row) throw new Error(`raw_emails row for ${key} vanished during ingestion`);
    if (row.status === "pending" && !claimed.has(key)) {
      claimed.set(key, row.id);
      // Rare (a crash between storing and importing): the one-message path, from the stored bytes.
      const [again] = await db
        .select({ raw: rawEmails.raw, archive: rawEmails.archive })
        .from(rawEmails)
        .where(and(eq(rawEmails.accountId, inbox.accountId), eq(rawEmails.id, row.id)));
      results[index] = await processStoredEmail(db, inbox, row.id, again.raw, again.archive);
    } else {
      results[index] = { status: "duplicate", rawEmailId: row.id, ...(row.messageId !== null ? { messageId: row.messageId } : {}) };
    }
  }
}

type Done = { item: Pending; outcome: ImportOutcome } | { item: Pending; error: unknown; unparsable?: true };

async function importParsed(db: Db, inbox: EmailInboxContext, todo: Pending[], parsing: Promise<Parsed | (Pending & { error: unknown })>[], results: (IngestResult | undefined)[]): Promise<void> {
  if (parsing.length === 0) return;
  let done: Done[] | null = await importAllOrNothing(db, inbox, todo, parsing);
  if (done) {
    await finishResults(db, inbox, done, results);
    return;
  }
  try {
    done = await inTransaction(db, async (tx) => {
      const out: Done[] = [];
      for (const next of parsing) {
        const item = await next;
        if ("error" in item) {
          out.push({ item, error: item.error, unparsable: true });
          continue;
        }
        try {
          // A savepoint per message: one that fails rolls back alone.
          const outcome = await inTransaction(tx, (sp, afterCommit) => importParsedEmail(sp, afterCommit, inbox, item.rawEmailId, item.parsed, { archive: item.archive }));
          out.push({ item, outcome });
        } catch (error) {
          out.push({ item, error });
        }
      }
      return out;
    });
  } catch (error) {
    log.warn("batch import failed; importing its messages one at a time", { accountId: inbox.accountId, inboxId: inbox.inboxId, error: describe(error) });
    // Every parse has settled (or is awaited here): the one-message path parses again.
    await Promise.all(parsing);
    for (const next of parsing) {
      const item = await next;
      results[item.index] = await processStoredEmail(db, inbox, item.rawEmailId, item.raw, item.archive);
    }
    return;
  }
  await finishResults(db, inbox, done, results);
}

/**
 * The common case first: every message of the batch imports, in one transaction without a
 * savepoint per message (two round trips fewer each). When any message fails, nothing of this
 * attempt is kept (null) and the batch is imported again with a savepoint per message.
 */
async function importAllOrNothing(db: Db, inbox: EmailInboxContext, todo: Pending[], parsing: Promise<Parsed | (Pending & { error: unknown })>[]): Promise<Done[] | null> {
  try {
    return await inTransaction(db, async (tx, afterCommit) => {
      // One statement locks every raw row of the batch, one finishes them all (raw-rows.ts).
      const pending = await claimPendingRawEmails(tx, inbox.accountId, todo.map((item) => item.rawEmailId));
      const batch: RawRowBatch = { finishes: [] };
      const items = await Promise.all(parsing);
      const parsed = items.flatMap((item) => ("parsed" in item && pending.has(item.rawEmailId) ? [item.parsed] : []));
      // The threads and contacts the batch needs, in one round trip (batch-lookups.ts).
      const lookups = await prefetchBatchLookups(tx, inbox, parsed);
      // Set-based writes for the whole batch (import-batch.ts), in the order of the items.
      const importable = items.flatMap((item) => ("parsed" in item && pending.has(item.rawEmailId) ? [item] : []));
      const outcomes = await importBatch(tx, afterCommit, inbox, importable, batch, lookups);
      const outcomeOf = new Map(importable.map((item, i) => [item.rawEmailId, outcomes[i]]));
      const out: Done[] = items.map((item): Done => {
        if (!pending.has(item.rawEmailId)) return { item, outcome: { status: "duplicate" } }; // finished meanwhile by a retry
        if ("error" in item) return { item, error: item.error, unparsable: true };
        const outcome = outcomeOf.get(item.rawEmailId);
        if (!outcome) throw new Error(`message ${item.rawEmailId} of the batch has no import outcome`);
        return { item, outcome };
      });
      await finishRawEmails(tx, inbox.accountId, batch.finishes);
      return out;
    });
  } catch (error) {
    log.debug("a message of the batch failed; importing it again with a savepoint per message", { inboxId: inbox.inboxId, error: describe(error) });
    return null;
  }
}

async function finishResults(db: Db, inbox: EmailInboxContext, done: Done[], results: (IngestResult | undefined)[]): Promise<void> {
  for (const entry of done) {
    const { item } = entry;
    if ("error" in entry) {
      const { error } = entry;
      if (entry.unparsable) {
        results[item.index] = await quarantine(db, inbox, item.rawEmailId, `The message could not be parsed: ${describe(error)}`);
        continue;
      }
      if (!(error instanceof UnimportableEmailError)) {
        log.error("email import failed", { accountId: inbox.accountId, inboxId: inbox.inboxId, rawEmailId: item.rawEmailId, error: describe(error) });
      }
      const reason = error instanceof UnimportableEmailError ? error.message : `The message could not be imported: ${describe(error)}`;
      results[item.index] = await quarantine(db, inbox, item.rawEmailId, reason);
      continue;
    }
    const { outcome } = entry;
    if (outcome.status === "duplicate") results[item.index] = { status: "duplicate", rawEmailId: item.rawEmailId };
    else if (outcome.status === "ignored") {
      results[item.index] = { status: "ignored", rawEmailId: item.rawEmailId, reason: outcome.reason, ...(outcome.messageId !== undefined ? { messageId: outcome.messageId } : {}) };
    } else {
      await afterEmailImported(inbox, outcome, item.archive);
      results[item.index] = { status: "imported", rawEmailId: item.rawEmailId, messageId: outcome.messageId, conversationDisplayId: outcome.conversationDisplayId };
    }
  }
}
