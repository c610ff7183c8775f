import { and, eq } from "drizzle-orm";
import type { ImapFlow } from "imapflow";
import type { Db } from "@/db/client";
import { channelEmail, inboxes, type ChannelEmail } from "@/db/schema";
import { createLogger } from "@/lib/logger";
import { readCursor, resetCursor, type CursorKey } from "@/lib/mailbox/cursor";
import { ensureFolder } from "./after-import";
import { backfillMailbox } from "./backfill";
import { describeImapError, imapServerOf, type ImapProblem, type ImapServer } from "./connect";
import { ImapCredentialsError, openImapConnection } from "./credentials";
import { recordPollFailure, recordPollSuccess } from "./health";
import { importUids, StoreFailure } from "./import-uids";

/**
 * One poll of an inbox's IMAP folder (docs/email.md, Ingestion):
 *   - UIDVALIDITY is compared with the stored cursor; a change restarts from UID 0 (the
 *     (inbox, Message-ID) key makes re-reading safe) and stores the new validity;
 *   - UIDs above the cursor are fetched in bounded batches, oldest first, however old the mail
 *     is (so a poll after any outage catches up), at most `maxMessages` per poll (`more` says
 *     there is more: poll again);
 *   - each message goes through ingestRawEmail; after the batch is committed the cursor moves
 *     forward, and only then the server-side action (move / \Seen / leave) runs;
 *   - bad mail is quarantined by the pipeline and never stops the batch; a database failure
 *     stops the poll with the cursor at the last committed message;
 *   - then, when an administrator asked for it, history since a date (backfill.ts);
 *   - the result goes to the inbox health: ok, error, or reconnect_needed with words an admin
 *     can act on.
 */
export type PollResult = {
  ok: boolean;
  fetched: number;
  imported: number;
  duplicates: number;
  quarantined: number;
  ignored: number;
  /** The per-poll limit was reached: more mail is waiting above the cursor. */
  more: boolean;
  /** UIDVALIDITY changed (or first poll): the folder was read from the start. */
  resynced: boolean;
  error?: string;
};

export type PollOptions = { maxMessages?: number; batchSize?: number };

const log = createLogger("imap-poll");
const DEFAULT_MAX_MESSAGES = 500;
const DEFAULT_BATCH = 50;

/** A problem already in words for the health panel (store failure, missing folder). */
class PollProblem extends Error {}

export async function pollMailbox(db: Db, params: { accountId: number; inboxId: number }, options: PollOptions = {}): Promise<PollResult> {
  const startedAt = new Date();
  const result: PollResult = { ok: false, fetched: 0, imported: 0, duplicates: 0, quarantined: 0, ignored: 0, more: false, resynced: false };
  const channel = await loadChannel(db, params.accountId, params.inboxId);
  // A poll requested before the inbox was deleted: nothing to poll, and nothing to retry.
  if (!channel) {
    log.info("inbox no longer exists; poll skipped", params);
    return { ...result, error: "The inbox no longer exists" };
  }
  if (!channel.imapEnabled || !channel.imapAddress) return { ...result, error: "IMAP is not turned on for this inbox" };

  const server: ImapServer = imapServerOf(channel);
  const login = channel.imapLogin || channel.email;
  const fail = async (problem: ImapProblem) => {
    await recordPollFailure(db, params.accountId, channel.id, channel.pollIntervalSeconds, problem, new Date(), startedAt);
    log.warn("poll failed", { accountId: params.accountId, inboxId: params.inboxId, error: problem.message });
    return { ...result, ok: false, error: problem.message };
  };

  let client: ImapFlow;
  try {
    client = await openImapConnection(db, channel, params.inboxId, server);
  } catch (error) {
    if (error instanceof ImapCredentialsError) return fail({ message: error.message, reconnectNeeded: error.reconnectNeeded });
    return fail(describeImapError(error, server, login));
  }

  try {
    await syncFolder(db, client, channel, params, result, options);
    // History only once new mail is caught up: new mail first, always.
    if (channel.backfillSince && !result.more) {
      const budget = (options.maxMessages ?? DEFAULT_MAX_MESSAGES) - result.fetched;
      const backfill = await backfillMailbox(db, client, channel, params, result, { budget, batchSize: options.batchSize ?? DEFAULT_BATCH });
      result.more = !backfill.done;
    }
  } catch (error) {
    if (error instanceof PollProblem || error instanceof StoreFailure) return fail({ message: error.message, reconnectNeeded: false });
    return fail(describeImapError(error, server, login));
  } finally {
    await client.logout().catch(() => client.close());
  }
  await recordPollSuccess(db, params.accountId, channel.id, channel.pollIntervalSeconds, new Date(), startedAt);
  return { ...result, ok: true };
}

async function syncFolder(
  db: Db,
  client: ImapFlow,
  channel: ChannelEmail,
  params: { accountId: number; inboxId: number },
  result: PollResult,
  options: PollOptions,
): Promise<void> {
  const folder = channel.imapFolder;
  const key: CursorKey = { accountId: params.accountId, inboxId: params.inboxId, folder };
  let lock;
  try {
    lock = await client.getMailboxLock(folder);
  } catch (error) {
    const e = error as { responseText?: unknown; message?: unknown };
    // Dovecot appends its timing, "(0.001 + 0.000 secs).": noise for an admin.
    const why = String(e.responseText || e.message || error).replace(/\s*\([\d.]+ \+ [\d.+ ]+secs\)\.?\s*$/, "");
    throw new PollProblem(`The folder "${folder}" could not be opened on ${channel.imapAddress} (${why})`);
  }
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error(`The folder "${folder}" is not open`);
    const uidValidity = Number(mailbox.uidValidity);
    let cursor = await readCursor(db, key);
    if (!cursor || cursor.uidValidity !== uidValidity) {
      await resetCursor(db, key, uidValidity);
      cursor = { uidValidity, lastUid: 0 };
      result.resynced = true;
    }
    const lastUid = cursor.lastUid;
    if (mailbox.exists === 0 || (mailbox.uidNext && mailbox.uidNext <= lastUid + 1)) return;

    // `n:*` always matches the highest message, even below n: filter to what is really new.
    const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    const uids = found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
    const max = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
    const todo = uids.slice(0, max);
    result.more = uids.length > max;
    if (todo.length === 0) return;

    const action = channel.imapAfterImport;
    const moveTo = action === "move" && channel.imapProcessedFolder !== folder && (await ensureFolder(client, channel.imapProcessedFolder)) ? channel.imapProcessedFolder : null;
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    await importUids(db, client, { scope: params, uids: todo, uidValidity, cursor: key, batchSize, archive: false, action, moveTo }, result);
  } finally {
    lock.release();
  }
}

async function loadChannel(db: Db, accountId: number, inboxId: number): Promise<ChannelEmail | null> {
  const [row] = await db
    .select({ channel: channelEmail })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId), eq(inboxes.channelType, "email")))
    .limit(1);
  return row?.channel ?? null;
}
