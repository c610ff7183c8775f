import { and, eq, like } from "drizzle-orm";
import type { ImapFlow } from "imapflow";
import type { Db } from "@/db/client";
import { channelEmail, mailboxCursors, type ChannelEmail } from "@/db/schema";
import { readCursor, resetCursor, type CursorKey } from "@/lib/mailbox/cursor";
import { importUids, type ImportCounts } from "./import-uids";

/**
 * Backfill (set by an administrator, docs/email.md, Ingestion): imports the mailbox's history since a date in
 * archive mode (conversations created resolved, nothing reopened, no automations), from the
 * processed folder and from the part of the polled folder the poll has already passed (newer mail
 * there is new mail, not history). The server is left untouched. Progress is kept in cursors named
 * after the date, so a poll that stops at its limit continues, and a new date starts over. When
 * every folder is done the request is cleared.
 */
export async function backfillMailbox(
  db: Db,
  client: ImapFlow,
  channel: ChannelEmail,
  scope: { accountId: number; inboxId: number },
  counts: ImportCounts,
  options: { budget: number; batchSize: number },
): Promise<{ done: boolean }> {
  const since = channel.backfillSince;
  if (!since) return { done: true };
  const existing = new Set((await client.list()).map((f) => f.path));
  const folders = [...new Set([channel.imapProcessedFolder, channel.imapFolder])].filter((f) => existing.has(f));
  let budget = options.budget;
  for (const folder of folders) {
    if (budget <= 0) return { done: false };
    const key: CursorKey = { ...scope, folder: `backfill:${since.toISOString()}:${folder}` };
    const lock = await client.getMailboxLock(folder);
    try {
      const uidValidity = Number(client.mailbox ? client.mailbox.uidValidity : 0);
      let cursor = await readCursor(db, key);
      if (!cursor || cursor.uidValidity !== uidValidity) {
        await resetCursor(db, key, uidValidity);
        cursor = { uidValidity, lastUid: 0 };
      }
      let upper: number | null = null;
      if (folder === channel.imapFolder) {
        const polled = await readCursor(db, { ...scope, folder });
        if (!polled || polled.uidValidity !== uidValidity) continue;
        upper = polled.lastUid;
      }
      const from = cursor.lastUid + 1;
      if (upper !== null && from > upper) continue;
      const found = (await client.search({ since, uid: `${from}:${upper ?? "*"}` }, { uid: true })) || [];
      const uids = found.filter((uid) => uid >= from && (upper === null || uid <= upper)).sort((a, b) => a - b);
      const todo = uids.slice(0, budget);
      await importUids(db, client, { scope, uids: todo, uidValidity, cursor: key, batchSize: options.batchSize, archive: true, action: "leave", moveTo: null }, counts);
      budget -= todo.length;
      if (uids.length > todo.length) return { done: false };
    } finally {
      lock.release();
    }
  }
  // Cleared only if the administrator has not asked for another date meanwhile.
  await db
    .update(channelEmail)
    .set({ backfillSince: null, updatedAt: new Date() })
    .where(and(eq(channelEmail.accountId, scope.accountId), eq(channelEmail.id, channel.id), eq(channelEmail.backfillSince, since)));
  await db
    .delete(mailboxCursors)
    .where(and(eq(mailboxCursors.accountId, scope.accountId), eq(mailboxCursors.inboxId, scope.inboxId), like(mailboxCursors.folder, "backfill:%")));
  return { done: true };
}
