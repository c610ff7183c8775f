import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { mailboxCursors } from "@/db/schema";

/**
 * The IMAP sync cursor (docs/email.md, Ingestion): per inbox and folder, the folder's UIDVALIDITY and the
 * highest UID whose message is committed here. A poll fetches UIDs above it; the cursor only moves
 * forward, and only after the messages up to it are committed.
 */
export type MailboxCursor = { uidValidity: number | null; lastUid: number };
export type CursorKey = { accountId: number; inboxId: number; folder: string };

export async function readCursor(db: DbOrTx, key: CursorKey): Promise<MailboxCursor | null> {
  const [row] = await db
    .select({ uidValidity: mailboxCursors.uidValidity, lastUid: mailboxCursors.lastUid })
    .from(mailboxCursors)
    .where(and(eq(mailboxCursors.accountId, key.accountId), eq(mailboxCursors.inboxId, key.inboxId), eq(mailboxCursors.folder, key.folder)))
    .limit(1);
  return row ?? null;
}

/**
 * A new UIDVALIDITY (first poll, or the server renumbered the folder): start again from UID 0.
 * Re-reading old mail is safe: the (inbox, Message-ID) key drops what is already here.
 */
export async function resetCursor(db: DbOrTx, key: CursorKey, uidValidity: number): Promise<void> {
  await db
    .insert(mailboxCursors)
    .values({ ...key, uidValidity, lastUid: 0 })
    .onConflictDoUpdate({
      target: [mailboxCursors.inboxId, mailboxCursors.folder],
      set: { uidValidity, lastUid: 0, highestModseq: null, updatedAt: new Date() },
    });
}

/** Moves the cursor forward to `uid` (never backwards), for the validity it was read under. */
export async function advanceCursor(db: DbOrTx, key: CursorKey, uidValidity: number, uid: number): Promise<void> {
  await db
    .update(mailboxCursors)
    .set({ lastUid: sql`greatest(${mailboxCursors.lastUid}, ${uid})`, updatedAt: new Date() })
    .where(
      and(
        eq(mailboxCursors.accountId, key.accountId),
        eq(mailboxCursors.inboxId, key.inboxId),
        eq(mailboxCursors.folder, key.folder),
        eq(mailboxCursors.uidValidity, uidValidity),
      ),
    );
}
