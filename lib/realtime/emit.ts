import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { messages } from "@/db/schema";
import { selectMessages } from "@/db/queries/messages";
import { serializeAttachment } from "@/lib/api/serializers/attachment";
import { attachmentsOfMessage } from "@/lib/messages/attachments";
import type { AfterCommit, CommitScope } from "@/db/transaction";
import { loadConversationSummary } from "@/lib/conversations/find-conversation";
import { isPusherConfigured } from "@/lib/env";
import type { ConversationStatus, ConversationSummary } from "@/lib/conversations/types";
import type { MessageDetails } from "@/lib/messages/types";
import type { NotificationDetails } from "@/lib/notifications/types";
import { accountChannel, inboxChannel, userChannel } from "./channels";
import {
  assigneeChangedPayload,
  conversationPayload,
  conversationReadPayload,
  messagePayload,
  notificationPayload,
  presencePayload,
  statusChangedPayload,
} from "./payloads";
import { inboxAudience, narrowedMembersOfInbox, withNarrowedAudience } from "./narrowed-audience";
import { publishEvents, realtimeEvent, type RealtimeEvent } from "./publish";

/**
 * What domain functions call inside their transaction: each registers the events to publish once
 * the outermost transaction has committed (nothing when it rolls back). Conversations and
 * messages go to their inbox's channel only, so agents outside the inbox never receive them, and
 * to the member channels of the inbox's members whose custom role narrows what they see, when
 * they may see that conversation (narrowed-audience.ts: nothing to do for accounts without them).
 */
const after = (afterCommit: AfterCommit, events: () => RealtimeEvent[]) =>
  afterCommit(async (commit) => publishEvents(await withNarrowedAudience(commit, events())));

const channelsOf = (c: { accountId: number; inboxId: number }) => [inboxChannel(c.accountId, c.inboxId)];

/**
 * Events whose payload is read after the commit, from the pool (the transaction is gone by then),
 * and only when live refresh is on: the email import creates conversations and messages in bulk
 * and does not re-read them itself. What is read is at least as new as what was committed, and
 * carries its own version.
 */
function afterLoaded(afterCommit: AfterCommit, load: (commit: CommitScope) => Promise<RealtimeEvent[]>): void {
  afterCommit(async (commit) => {
    if (!isPusherConfigured()) return;
    await publishEvents(await withNarrowedAudience(commit, await load(commit)));
  });
}

/**
 * A conversation's row as the commit left it, read once for all the events of that commit: a new
 * conversation's conversation.created and its first message's events carry the same row.
 */
const summaryAfter = (commit: CommitScope, accountId: number, conversationId: number) =>
  commit.once(`conversation-summary:${accountId}:${conversationId}`, () => loadConversationSummary(getDb(), accountId, conversationId));

/**
 * conversation.created. Register it before writing the first message, so that it goes out before
 * that message's message.created.
 */
export function emitConversationCreated(afterCommit: AfterCommit, conversation: { accountId: number; id: number }): void {
  afterLoaded(afterCommit, async (commit) => {
    const summary = await summaryAfter(commit, conversation.accountId, conversation.id);
    return [realtimeEvent("conversation.created", channelsOf(summary), conversationPayload(summary))];
  });
}

export function emitConversationUpdated(afterCommit: AfterCommit, summary: ConversationSummary): void {
  after(afterCommit, () => [realtimeEvent("conversation.updated", channelsOf(summary), conversationPayload(summary))]);
}

export function emitStatusChanged(afterCommit: AfterCommit, summary: ConversationSummary, previousStatus: ConversationStatus): void {
  after(afterCommit, () => [realtimeEvent("conversation.status_changed", channelsOf(summary), statusChangedPayload(summary, previousStatus))]);
}

export function emitAssigneeChanged(afterCommit: AfterCommit, summary: ConversationSummary, previousAssigneeId: number | null): void {
  after(afterCommit, () => [realtimeEvent("assignee.changed", channelsOf(summary), assigneeChangedPayload(summary, previousAssigneeId))]);
}

/** message.created, then the conversation's new row (last message, unread count, maybe reopened). */
export function emitMessageCreated(
  afterCommit: AfterCommit,
  ids: { accountId: number; conversationId: number; messageId: number; withAttachments?: boolean },
  previousStatus: ConversationStatus,
): void {
  afterLoaded(afterCommit, async (commit) => {
    const db = getDb();
    // Files are read only for a message stored with some (the caller knows): the other events cost nothing more.
    const [[message], files, summary] = await Promise.all([
      selectMessages(db, ids.accountId, ids.conversationId, { ids: [ids.messageId], limit: 1 }),
      ids.withAttachments ? attachmentsOfMessage(db, ids.accountId, ids.messageId) : [],
      summaryAfter(commit, ids.accountId, ids.conversationId),
    ]);
    if (!message) return [];
    const channels = channelsOf(summary);
    const conversationEvent =
      summary.status !== previousStatus
        ? realtimeEvent("conversation.status_changed", channels, statusChangedPayload(summary, previousStatus))
        : realtimeEvent("conversation.updated", channels, conversationPayload(summary));
    const attachments = files.map((a) => ({ ...serializeAttachment(ids.accountId, a), file_name: a.fileName, content_type: a.contentType }));
    return [realtimeEvent("message.created", channels, messagePayload(message, attachments)), conversationEvent];
  });
}

/** For the code that changes a message after it was created (delivery status, edits). */
export function emitMessageUpdated(afterCommit: AfterCommit, message: MessageDetails): void {
  after(afterCommit, () => [realtimeEvent("message.updated", channelsOf(message), messagePayload(message))]);
}

export function emitConversationRead(
  afterCommit: AfterCommit,
  conversation: { accountId: number; id: number; displayId: number; inboxId: number },
  agentLastSeenAt: Date,
  userId: number | null,
): void {
  after(afterCommit, () => [
    realtimeEvent("conversation.read", channelsOf(conversation), conversationReadPayload(conversation, agentLastSeenAt, userId)),
  ]);
}

/**
 * message.updated for code that knows only the message (a delivery answer, a bounce), read after
 * commit, then the conversation's row: a reply that failed (or went out after all) changes the
 * row's "Reply not delivered" marker, and screens patch rows from events rather than re-render.
 * The delivery does not move the conversation's updated_at, so the row event is versioned by the
 * newer of the two: later than any row shown before it, and older than any later change.
 */
export function emitMessageUpdatedById(afterCommit: AfterCommit, ids: { accountId: number; messageId: number }): void {
  afterLoaded(afterCommit, async (commit) => {
    const db = getDb();
    const [row] = await db
      .select({ conversationId: messages.conversationId })
      .from(messages)
      .where(and(eq(messages.accountId, ids.accountId), eq(messages.id, ids.messageId)));
    if (!row) return [];
    const [[message], summary] = await Promise.all([
      selectMessages(db, ids.accountId, row.conversationId, { ids: [ids.messageId], limit: 1 }),
      summaryAfter(commit, ids.accountId, row.conversationId),
    ]);
    if (!message) return [];
    const rowPayload = conversationPayload(summary);
    return [
      realtimeEvent("message.updated", channelsOf(message), messagePayload(message)),
      realtimeEvent("conversation.updated", channelsOf(summary), { ...rowPayload, version: Math.max(rowPayload.version, message.updatedAt.getTime()) }),
    ];
  });
}

/** presence.update on the account channel: every member's screen moves that agent's status dot. */
export function emitPresenceUpdate(
  afterCommit: AfterCommit,
  change: { accountId: number; userId: number; availability: "online" | "busy" | "offline"; version: number },
): void {
  after(afterCommit, () => [realtimeEvent("presence.update", [accountChannel(change.accountId)], presencePayload(change))]);
}

/** notification.created, on the recipient's own channel (nobody else may subscribe to it). */
export function notificationCreated(afterCommit: AfterCommit, notification: NotificationDetails): void {
  after(afterCommit, () => [realtimeEvent("notification.created", [userChannel(notification.userId)], notificationPayload(notification))]);
}

/**
 * inbox.agent_bot_changed on the inbox's channel: another open tab of the inbox's settings (its
 * bot picker) follows the bot now answering it, without a refresh.
 */
export function emitInboxAgentBotChanged(afterCommit: AfterCommit, change: { accountId: number; inboxId: number; agentBotId: number | null }): void {
  const version = Date.now();
  afterCommit(async () => {
    const narrowed = await narrowedMembersOfInbox(getDb(), change.accountId, change.inboxId);
    await publishEvents([realtimeEvent("inbox.agent_bot_changed", inboxAudience(change.accountId, change.inboxId, narrowed), { ...change, version })]);
  });
}

/**
 * inbox.deleted on the deleted inbox's channel: the screens subscribed there (its members,
 * administrators) refresh, so the sidebar, lists and an open thread drop it. Its narrowed members
 * (read by the caller before the memberships went with the inbox: `narrowedMembersOfInbox`) hear
 * it on their member channels.
 */
export function emitInboxDeleted(afterCommit: AfterCommit, inbox: { accountId: number; id: number }, narrowedMembers: number[] = []): void {
  after(afterCommit, () => [
    realtimeEvent("inbox.deleted", inboxAudience(inbox.accountId, inbox.id, narrowedMembers), { accountId: inbox.accountId, inboxId: inbox.id, version: Date.now() }),
  ]);
}
