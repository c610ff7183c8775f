import type { ImapFlow } from "imapflow";
import type { Db } from "@/db/client";
import { ingestRawEmail, type IngestStatus } from "@/lib/email/ingest/ingest-raw-email";
import { advanceCursor, type CursorKey } from "@/lib/mailbox/cursor";
import { applyAfterImport, type AfterImportAction } from "./after-import";

/**
 * Fetches the given UIDs of the open folder in bounded batches, oldest first, and runs each
 * message through ingestRawEmail. After each batch is committed the cursor moves forward, and only
 * then the server-side action runs. Bad mail is quarantined by the pipeline and never stops the
 * batch; a failure to store (database down) stops here with the cursor at the last committed UID.
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
  for (let i = 0; i < job.uids.length; i += job.batchSize) {
    const batch = job.uids.slice(i, i + job.batchSize);
    const fetched = await client.fetchAll(batch.join(","), { uid: true, source: true }, { uid: true });
    const sources = new Map(fetched.map((m) => [m.uid, m.source]));
    const committed: number[] = [];
    let failure: unknown = null;
    for (const uid of batch) {
      const source = sources.get(uid);
      // Expunged by someone else between SEARCH and FETCH: nothing to import.
      if (!source) {
        committed.push(uid);
        continue;
      }
      counts.fetched += 1;
      try {
        const ingested = await ingestRawEmail(db, { ...job.scope, source: "imap", sourceRef: `${job.uidValidity}:${uid}`, raw: source, archive: job.archive });
        count(counts, ingested.status);
        committed.push(uid);
      } catch (error) {
        failure = error;
        break;
      }
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
      throw new StoreFailure(`Mail could not be stored in the database; it stays on the server and the next poll retries (${String(failure)})`);
    }
  }
}

function count(counts: ImportCounts, status: IngestStatus): void {
  if (status === "imported") counts.imported += 1;
  else if (status === "duplicate") counts.duplicates += 1;
  else if (status === "quarantined") counts.quarantined += 1;
  else counts.ignored += 1;
}
