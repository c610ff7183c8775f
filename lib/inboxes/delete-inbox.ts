import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { channelApi, channelEmail, contactInboxes, conversations, emailDeliveries, graphSubscriptions, inboxes, jobRuns, rawEmails } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { notFound } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { deleteGraphSubscription } from "@/lib/mailbox/graph/subscriptions";
import { emitInboxDeleted } from "@/lib/realtime/emit";
import { narrowedMembersOfInbox } from "@/lib/realtime/narrowed-audience";

/**
 * Deleting an inbox (Chatwoot's DELETE /inboxes/{id}): the inbox and everything that belongs only
 * to it. Contacts stay: they may have conversations in other inboxes.
 *
 * What goes, and how (every table referencing inboxes has ON DELETE CASCADE on (account_id, inbox_id)):
 * - conversations → messages → attachments (bytes are in PostgreSQL, no files elsewhere),
 *   email_deliveries, conversation participants, notifications about them: deleted here in chunks;
 * - raw_emails, contact_inboxes: deleted here in chunks;
 * - inbox_members, mailbox_cursors, oauth_credentials, graph_subscriptions, notifications about
 *   the inbox: by the cascade of the final delete (a few rows each);
 * - channel_email / channel_api: referenced by `inboxes.channel_id` without a key, so deleted explicitly;
 * - queued jobs of the embedded runner for this inbox (polls, Graph notifications, imports, sends):
 *   deleted; a job already running (or queued at Inngest) finds no inbox and ends quietly.
 *
 * Why chunks: one DELETE of a large inbox would cascade through every message in one transaction,
 * holding its row locks (and blocking a poll that touches them) for as long as that takes. Each
 * chunk is its own short transaction, so locks last a chunk, and a failure part-way leaves the
 * inbox in place with fewer conversations: deleting it again finishes the job. Mail arriving
 * meanwhile is caught by the final cascade. The foreign keys' own lookups (raw_emails.message_id,
 * notifications.conversation_id, conversations.contact_inbox_id) are indexed (migration 0009), so
 * each deleted row costs an index probe, not a scan of those tables.
 */

const log = createLogger("delete-inbox");

const CONVERSATION_CHUNK = 200;
const ROW_CHUNK = 500;

export type InboxDeletionPreview = { id: number; name: string; conversationCount: number };
export type DeletedInbox = { id: number; name: string; deletedConversations: number };

async function findInbox(db: DbOrTx, accountId: number, inboxId: number) {
  const [inbox] = await db
    .select({ id: inboxes.id, name: inboxes.name, channelType: inboxes.channelType, channelId: inboxes.channelId })
    .from(inboxes)
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)));
  if (!inbox) throw notFound("Inbox");
  return inbox;
}

/** What the confirmation shows: how many conversations the deletion takes with it (administrators). */
export async function getInboxDeletionPreview(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<InboxDeletionPreview> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "inbox_manage");
  const inbox = await findInbox(db, accountId, inboxId);
  const [row] = await db
    .select({ n: count() })
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.inboxId, inboxId)));
  return { id: inbox.id, name: inbox.name, conversationCount: row?.n ?? 0 };
}

/** Administrators only; other accounts' inboxes are not found. */
export async function deleteInbox(db: Db, actor: Actor, accountId: number, inboxId: number): Promise<DeletedInbox> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "inbox_manage");
  const inbox = await findInbox(db, accountId, inboxId);
  const scope = { accountId, inboxId };

  await stopGraphNotifications(db, scope);
  await deleteQueuedSends(db, scope);

  let deletedConversations = 0;
  for (;;) {
    const n = await deleteChunk(db, conversations, conversations.id, and(eq(conversations.accountId, accountId), eq(conversations.inboxId, inboxId)), CONVERSATION_CHUNK);
    deletedConversations += n;
    if (n < CONVERSATION_CHUNK) break;
  }
  while ((await deleteChunk(db, rawEmails, rawEmails.id, and(eq(rawEmails.accountId, accountId), eq(rawEmails.inboxId, inboxId)), ROW_CHUNK)) === ROW_CHUNK);
  while ((await deleteChunk(db, contactInboxes, contactInboxes.id, and(eq(contactInboxes.accountId, accountId), eq(contactInboxes.inboxId, inboxId)), ROW_CHUNK)) === ROW_CHUNK);

  await inTransaction(db, async (tx, afterCommit) => {
    // Read before the delete: the memberships go with the inbox.
    const narrowed = await narrowedMembersOfInbox(tx, accountId, inboxId);
    const gone = await tx
      .delete(inboxes)
      .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)))
      .returning({ id: inboxes.id });
    // Deleted by a concurrent request meanwhile: the same outcome, already announced by it.
    if (gone.length === 0) return;
    // Conversations that arrived during the chunks went with the cascade.
    if (inbox.channelType === "email") {
      await tx.delete(channelEmail).where(and(eq(channelEmail.accountId, accountId), eq(channelEmail.id, inbox.channelId)));
    } else {
      await tx.delete(channelApi).where(and(eq(channelApi.accountId, accountId), eq(channelApi.id, inbox.channelId)));
    }
    await tx.delete(jobRuns).where(and(eq(jobRuns.status, "queued"), sql`${jobRuns.eventData} @> ${JSON.stringify(scope)}::jsonb`));
    emitInboxDeleted(afterCommit, { accountId, id: inboxId }, narrowed);
  });
  log.info("inbox deleted", { accountId, inboxId, deletedConversations });
  return { id: inbox.id, name: inbox.name, deletedConversations };
}

type ChunkTable = typeof conversations | typeof rawEmails | typeof contactInboxes;

/** Deletes up to `limit` rows matching `where` in one short transaction; returns how many. */
async function deleteChunk(db: Db, table: ChunkTable, id: ChunkTable["id"], where: ReturnType<typeof and>, limit: number): Promise<number> {
  const ids = db.select({ id }).from(table).where(where).limit(limit);
  const deleted = await db.delete(table).where(inArray(id, ids)).returning({ id });
  return deleted.length;
}

/**
 * Graph keeps posting notifications for a subscription until it expires (up to a week): delete it
 * at Graph first, while the inbox's sign-in (which the cascade removes) still exists. Best effort:
 * a failure is logged and the deletion goes on (Graph then drops the subscription at expiry, and
 * its notifications are ignored as unknown). If the deletion itself failed afterwards, the inbox
 * would stay without a subscription until the renewal cron subscribes it again.
 */
async function stopGraphNotifications(db: Db, scope: { accountId: number; inboxId: number }): Promise<void> {
  const [row] = await db
    .select({ id: graphSubscriptions.id })
    .from(graphSubscriptions)
    .where(and(eq(graphSubscriptions.accountId, scope.accountId), eq(graphSubscriptions.inboxId, scope.inboxId)));
  if (!row) return;
  try {
    await deleteGraphSubscription(db, scope);
  } catch (error) {
    log.warn("could not delete the Graph subscription; deleting the inbox anyway", { ...scope, error: String(error) });
  }
}

/** Send jobs carry only the message id: drop the queued ones of this inbox's unsent replies. */
async function deleteQueuedSends(db: Db, scope: { accountId: number; inboxId: number }): Promise<void> {
  const pending = await db
    .select({ messageId: emailDeliveries.messageId })
    .from(emailDeliveries)
    .where(and(eq(emailDeliveries.accountId, scope.accountId), eq(emailDeliveries.inboxId, scope.inboxId), inArray(emailDeliveries.status, ["queued", "sending"])));
  if (pending.length === 0) return;
  await db
    .delete(jobRuns)
    .where(
      and(
        eq(jobRuns.status, "queued"),
        eq(jobRuns.eventName, "mail/send.requested"),
        sql`${jobRuns.eventData} @> ${JSON.stringify({ accountId: scope.accountId })}::jsonb`,
        inArray(sql`(${jobRuns.eventData} ->> 'messageId')::bigint`, pending.map((p) => p.messageId)),
      ),
    );
}
