import type { ImapFlow } from "imapflow";
import type { Db } from "@/db/client";
import { ingestRawEmails } from "@/lib/email/ingest/ingest-batch";
import type { IngestStatus } from "@/lib/email/ingest/ingest-raw-email";
import { advanceCursor, type CursorKey } from "@/lib/mailbox/cursor";
import { errorText } from "@/lib/storable-text";
import { applyAfterImport, type AfterImportAction } from "./after-import";

/**
 * Fetches the given UIDs of the open folder in bounded batches, oldest first, and runs each batch
 * through ingestRawEmails (one insert of the raw bytes, one import transaction with a savepoint per
 * message). After each batch is committed the cursor moves forward, and only then the server-side
 * action runs. Bad mail is quarantined by the pipeline and never stops the batch; a failure to
 * store (database down) stops here with the cursor at the last committed batch.
 */
export type ImportCounts = { fetched: number; imported: number; duplicates: number; quarantined: number; ignored: number };

export class StoreFailure extends Error {}

export async function importUids(
  db: Db,
  client: ImapFlow,
  job: {
    scope: { accountId: number; inboxId: number };
    uids: number[];
    uidValidity: number;
    cursor: CursorKey;
    batchSize: number;
    archive: boolean;
    action: AfterImportAction;
    moveTo: string | null;
  },
  counts: ImportCounts,
): Promise<void> {
  const batches = await batchesBySize(client, job.uids, job.batchSize);
  let prefetch = batches.length > 0 ? fetchSources(client, batches[0]) : null;
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    const sources = (await prefetch) ?? new Map<number, Buffer>();
    // The next batch is on its way while this one is imported (two batches in memory at most).
    prefetch = i + 1 < batches.length ? fetchSources(client, batches[i + 1]) : null;
    // Expunged by someone else between SEARCH and FETCH: nothing to import, but passed.
    const present = batch.filter((uid) => sources.has(uid));
    counts.fetched += present.length;
    const committed: number[] = [];
    let failure: unknown = null;
    try {
      const results = await ingestRawEmails(db, {
        ...job.scope,
        source: "imap",
        archive: job.archive,
        items: present.map((uid) => ({ sourceRef: `${job.uidValidity}:${uid}`, raw: sources.get(uid) ?? Buffer.alloc(0) })),
      });
      for (const result of results) count(counts, result.status);
      committed.push(...batch);
    } catch (error) {
      // Nothing of this batch counts as passed: the stored rows make the retry a no-op or finish them.
      failure = error;
    }
    const highest = committed.at(-1);
    if (highest !== undefined) await advanceCursor(db, job.cursor, job.uidValidity, highest);
    await applyAfterImport(
      client,
      committed.filter((uid) => sources.has(uid)),
      job.action,
      job.moveTo,
    );
    if (failure !== null) {
      await prefetch?.catch(() => undefined);
      throw new StoreFailure(`Mail could not be stored in the database; it stays on the server and the next poll retries (${errorText(failure)})`);
    }
  }
}

// Sources are held in memory for one batch: a batch of large messages is split to stay under this.
const BATCH_BYTES = 32 * 1024 * 1024;

async function fetchSources(client: ImapFlow, uids: number[]): Promise<Map<number, Buffer>> {
  const fetched = await client.fetchAll(uids.join(","), { uid: true, source: true }, { uid: true });
  const sources = new Map<number, Buffer>();
  for (const message of fetched) if (message.source) sources.set(message.uid, message.source);
  return sources;
}

/** Consecutive UIDs in batches of at most `size` messages and about BATCH_BYTES (one message at least). */
async function batchesBySize(client: ImapFlow, uids: number[], size: number): Promise<number[][]> {
  if (uids.length === 0) return [];
  // The sizes of every UID of this poll in one FETCH (a poll takes a bounded number of UIDs).
  const sizes = new Map((await client.fetchAll(uids.join(","), { uid: true, size: true }, { uid: true })).map((m) => [m.uid, m.size ?? 0]));
  const batches: number[][] = [];
  for (let i = 0; i < uids.length; i += size) {
    const group = uids.slice(i, i + size);
    let current: number[] = [];
    let bytes = 0;
    for (const uid of group) {
      const next = sizes.get(uid) ?? 0;
      if (current.length > 0 && bytes + next > BATCH_BYTES) {
        batches.push(current);
        current = [];
        bytes = 0;
      }
      current.push(uid);
      bytes += next;
    }
    if (current.length > 0) batches.push(current);
  }
  return batches;
}

function count(counts: ImportCounts, status: IngestStatus): void {
  if (status === "imported") counts.imported += 1;
  else if (status === "duplicate") counts.duplicates += 1;
  else if (status === "quarantined") counts.quarantined += 1;
  else counts.ignored += 1;
}
