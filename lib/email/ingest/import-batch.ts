import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { accounts, contacts, conversationParticipants, conversations, messages } from "@/db/schema";
import type { AccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { conversationRow, createConversationInput } from "@/lib/conversations/create-conversation";
import type { ConversationStatus } from "@/lib/conversations/types";
import type { ParsedAttachment, ParsedEmail } from "@/lib/email/types";
import { subjectTag, type ThreadConversation, type ThreadStrategy } from "@/lib/email/thread/match-conversation";
import { activityMessageRow } from "@/lib/messages/activity";
import { createMessageInput, messageRow, type ValidMessageInput } from "@/lib/messages/create-message";
import { incomingMessageEffects, REOPENED_ACTIVITY, reopensOnIncoming } from "@/lib/messages/incoming-rules";
import { notFound } from "@/lib/errors";
import { notifyNewMessages, type NewMessageNotice } from "@/lib/notifications/new-message";
import { notifyNewConversations, type NewConversationNotice } from "@/lib/notifications/new-conversation";
import type { BatchLookups } from "./batch-lookups";
import type { EmailInboxContext } from "./email-inbox";
import { announceImportedMessage } from "./import-batch-events";
import { importParsedEmail, rememberThread, storeMessageAttachments, type ImportOutcome } from "./import-parsed-email";
import { planImport } from "./import-plan";
import type { RawRowBatch } from "./raw-rows";
import { recordAutomationEventsInTransaction, type RecordedEvent } from "@/lib/automation/record-event";
import { inboxesWithBot } from "@/lib/agent-bots/bot-status";
import { requestAutoAssignment } from "@/lib/assignment/requests";
import { requestAutoReply } from "@/lib/auto-replies/request";
import { refreshConversationSlas } from "@/lib/sla/refresh";

/**
 * The import of a whole batch with set-based writes, inside the batch's all-or-nothing
 * transaction (ingest-batch.ts). Each message is planned by the same code as the one-message path
 * (planImport: classify, thread, contacts, participants), in order; what it writes is collected
 * and written for all of them at once when the batch ends:
 *   - the new conversations: display ids reserved with ONE counter update, ONE multi-row insert;
 *   - the existing conversations locked in ONE select (in id order), the messages (and the
 *     reopen lines, in the place the one-message path gives them) in ONE
 *     multi-row insert; then, in one round trip, each touched conversation's activity (last
 *     activity, waiting since, reopen) and each sender's last activity updated once, the
 *     participants in one insert, the assignees' notifications in one insert;
 *   - attachments per message that has some.
 * A message of the batch replying to an earlier one threads to it through the batch's thread map,
 * which holds a stand-in (negative id) for a conversation not written yet, swapped for the real
 * row when the batch is written. What the one-message path reads from the database that an
 * earlier message of the batch may have changed (a subject tag, threads beyond the batch's
 * lookup) is read after writing what is collected so far; bounces and our own mail go through
 * the one-message path, after that write too. The after-commit events come in message order:
 * conversation.created before its first message.created, as one message at a time would.
 * Any failure throws: the caller rolls the attempt back and retries with a savepoint per message.
 */
export type BatchEntry = { rawEmailId: number; parsed: ParsedEmail; archive: boolean };

type Planned = {
  slot: number;
  rawEmailId: number;
  parsed: ParsedEmail;
  conversation: ThreadConversation;
  opens: boolean;
  strategy: ThreadStrategy | null;
  row: ValidMessageInput;
  participantIds: number[];
  kept: ParsedAttachment[];
};
type Opened = { standIn: ThreadConversation; row: ReturnType<typeof conversationRow>; inboxId: number };
type Collected = { opened: Opened[]; planned: Planned[] };

export async function importBatch(
  tx: Tx,
  afterCommit: AfterCommit,
  inbox: EmailInboxContext,
  entries: BatchEntry[],
  batch: RawRowBatch,
  lookups: BatchLookups,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = new Array(entries.length);
  const collected: Collected = { opened: [], planned: [] };
  const write = async () => {
    await writeCollected(tx, afterCommit, inbox, collected, batch, lookups, outcomes);
    collected.opened = [];
    collected.planned = [];
  };
  for (const [slot, entry] of entries.entries()) {
    const { parsed, archive, rawEmailId } = entry;
    // These read the database where an earlier message of the batch may have written.
    if (subjectTag(parsed.subject) !== null || lookups.threads === null) await write();
    const plan = await planImport(tx, inbox, parsed, archive, lookups);
    if (plan.kind !== "message") {
      await write();
      outcomes[slot] = await importParsedEmail(tx, afterCommit, inbox, rawEmailId, parsed, { archive, batch, lookups });
      continue;
    }
    let conversation = plan.conversation;
    if (plan.newConversation) {
      const { input, contactInbox, contactEmail } = plan.newConversation;
      const valid = parseInput(createConversationInput, input);
      const standIn = { id: -(collected.opened.length + 1), displayId: 0, contactId: contactInbox.contactId, contactEmail };
      // The display id is given when the batch is written.
      collected.opened.push({ standIn, row: conversationRow(inbox.accountId, valid, 0, contactInbox), inboxId: valid.inboxId });
      conversation = standIn;
    }
    if (!conversation) throw new Error("The import plan names no conversation");
    const row = parseInput(createMessageInput, plan.message);
    collected.planned.push({ slot, rawEmailId, parsed, conversation, opens: plan.newConversation !== null, strategy: plan.match?.strategy ?? null, row, participantIds: plan.participantIds, kept: plan.kept });
    rememberThread(lookups, parsed, conversation);
  }
  await write();
  return outcomes;
}

type State = { id: number; displayId: number; inboxId: number; status: ConversationStatus; waitingSince: Date | null; assigneeId: number | null };

async function writeCollected(
  tx: Tx,
  afterCommit: AfterCommit,
  inbox: EmailInboxContext,
  { opened, planned }: Collected,
  batch: RawRowBatch,
  lookups: BatchLookups,
  outcomes: ImportOutcome[],
): Promise<void> {
  if (planned.length === 0) return;
  const { accountId } = inbox;
  const access: AccountAccess = { accountId, role: "system", userId: null };
  const existingIds = [...new Set(planned.map((p) => p.conversation.id).filter((id) => id > 0))].sort((a, b) => a - b);
  const stateColumns = {
    id: conversations.id,
    displayId: conversations.displayId,
    inboxId: conversations.inboxId,
    status: conversations.status,
    waitingSince: conversations.waitingSince,
    assigneeId: conversations.assigneeId,
  };
  // One round trip: the display ids reserved (the account's row lock serialises numbering, as for
  // one conversation) and the existing conversations locked, as writeMessage locks its one.
  const [counter, locked] = await Promise.all([
    opened.length === 0
      ? null
      : tx
          .update(accounts)
          .set({ lastConversationDisplayId: sql`${accounts.lastConversationDisplayId} + ${opened.length}` })
          .where(eq(accounts.id, accountId))
          .returning({ last: accounts.lastConversationDisplayId }),
    existingIds.length === 0
      ? []
      : tx
          .select(stateColumns)
          .from(conversations)
          .where(and(eq(conversations.accountId, accountId), inArray(conversations.id, existingIds)))
          .orderBy(conversations.id)
          .for("update"),
  ]);
  const states = new Map<number, State>(locked.map((row) => [row.id, { ...row }]));
  const real = new Map<number, ThreadConversation>();
  const openedNotices: NewConversationNotice[] = [];
  // Inboxes a bot answers open new conversations, and reopen resolved ones, as pending
  // (lib/agent-bots/bot-status.ts); asked only when the batch opens or may reopen one.
  const mayReopen = locked.filter((row) => reopensOnIncoming(row.status)).map((row) => row.inboxId);
  const botInboxes = opened.length + mayReopen.length === 0 ? new Set<number>() : await inboxesWithBot(tx, accountId, [...opened.map((o) => o.inboxId), ...mayReopen]);
  if (opened.length > 0) {
    const last = counter?.[0]?.last;
    if (last === undefined) throw notFound("Account");
    const first = last - opened.length + 1;
    const created = await tx
      .insert(conversations)
      .values(opened.map((o, i) => ({ ...o.row, displayId: first + i, ...(botInboxes.has(o.inboxId) && o.row.status === "open" ? { status: "pending" as const } : {}) })))
      .returning(stateColumns);
    for (const row of created) {
      const o = opened[row.displayId - first];
      real.set(o.standIn.id, { ...o.standIn, id: row.id, displayId: row.displayId });
      states.set(row.id, { ...row });
      openedNotices.push({ id: row.id, displayId: row.displayId, inboxId: row.inboxId, creatorUserId: null });
    }
  }
  const conversationOf = (p: Planned) => (p.conversation.id < 0 ? real.get(p.conversation.id) : p.conversation);

  // Each message in order, as writeMessage would see its conversation (reopen, waiting clock).
  const rows: (typeof messages.$inferInsert)[] = [];
  const messageSlots: number[] = [];
  const touched = new Map<number, { wait: boolean; reopen: ConversationStatus | null }>();
  const previous: ConversationStatus[] = [];
  // The conversation's status and assignee as each message left them (message_created shows them).
  const stateAt: { status: ConversationStatus; assigneeId: number | null }[] = [];
  const reopened = new Map<number, { from: ConversationStatus; to: ConversationStatus }>();
  const notices: NewMessageNotice[] = [];
  const senders = new Set<number>();
  const participants = new Map<string, { accountId: number; conversationId: number; contactId: number }>();
  for (const [i, p] of planned.entries()) {
    const conversation = conversationOf(p);
    const state = conversation && states.get(conversation.id);
    if (!conversation || !state) throw new Error(`conversation ${p.conversation.id} of the batch was not written`);
    const change = touched.get(state.id) ?? { wait: false, reopen: null };
    touched.set(state.id, change);
    previous.push(state.status);
    const sender = p.row.senderContactId ?? conversation.contactId;
    senders.add(sender);
    messageSlots.push(rows.length);
    rows.push(messageRow(access, state, p.row, sender));
    // The same rules as one message at a time (lib/messages/incoming-rules.ts), applied to the
    // conversation as the earlier messages of the batch left it.
    const effects = incomingMessageEffects(accountId, state, { keepStatus: p.row.keepStatus, content: p.row.content });
    if (effects.startsWaiting) {
      change.wait = true;
      state.waitingSince = new Date();
    }
    if (effects.reopens) {
      change.reopen = botInboxes.has(state.inboxId) ? "pending" : "open";
      reopened.set(i, { from: state.status, to: change.reopen });
      state.status = change.reopen;
      rows.push(activityMessageRow({ accountId, inboxId: state.inboxId, id: state.id }, REOPENED_ACTIVITY));
    }
    stateAt.push({ status: state.status, assigneeId: state.assigneeId });
    if (effects.notification) notices.push(effects.notification);
    for (const contactId of p.participantIds) participants.set(`${state.id}:${contactId}`, { accountId, conversationId: state.id, contactId });
  }

  const changes = sql.join(
    [...touched].map(([id, c]) => sql`(${id}::integer, ${c.wait}::boolean, ${c.reopen}::conversation_status)`),
    sql`, `,
  );
  const updatedAt = new Date().toISOString();
  // The messages' created_at is the transaction's now(): the activity below uses the same instant.
  const [inserted] = await Promise.all([
    tx.insert(messages).values(rows).returning({ id: messages.id }),
    tx.execute(sql`
      update ${conversations} c set last_activity_at = now(), updated_at = ${updatedAt}::timestamptz,
        waiting_since = case when v.wait then coalesce(c.waiting_since, now()) else c.waiting_since end,
        status = coalesce(v.reopen, c.status),
        snoozed_until = case when v.reopen is null then c.snoozed_until else null end
      from (values ${changes}) as v(id, wait, reopen)
      where c.account_id = ${accountId} and c.id = v.id`),
    tx
      .update(contacts)
      .set({ lastActivityAt: sql`now()` })
      .where(and(eq(contacts.accountId, accountId), inArray(contacts.id, [...senders]))),
    participants.size === 0 ? null : tx.insert(conversationParticipants).values([...participants.values()]).onConflictDoNothing(),
    // The assignees and followers, in one statement; announced after commit.
    notifyNewMessages(tx, afterCommit, accountId, notices),
    notifyNewConversations(tx, afterCommit, accountId, openedNotices),
  ]);
  // Ids come from the sequence in the order of the VALUES rows.
  const ids = inserted.map((row) => row.id).sort((a, b) => a - b);
  // New waits and reopenings: SLA due times go out with the messages' events (one read when none has an SLA).
  await refreshConversationSlas(tx, afterCommit, accountId, [...touched].filter(([, c]) => c.wait || c.reopen).map(([id]) => id));

  // Automation rules' events go into the outbox with the batch (one insert), not one by one after the commit.
  const ruleEvents: RecordedEvent[] = [];
  for (const [i, p] of planned.entries()) {
    const conversation = conversationOf(p);
    if (!conversation) continue;
    const messageId = ids[messageSlots[i]];
    if (p.kept.length > 0) await storeMessageAttachments(tx, accountId, messageId, p.kept);
    batch.finishes.push({ rawEmailId: p.rawEmailId, status: "imported", messageId, note: null });
    if (inbox.autoReplies && !p.row.keepStatus) requestAutoReply(afterCommit, { accountId, messageId });
    await announceImportedMessage(tx, afterCommit, ruleEvents, {
      accountId,
      conversationId: conversation.id,
      messageId,
      opens: p.opens,
      previousStatus: previous[i],
      state: stateAt[i],
      reopen: reopened.get(i),
    });
    outcomes[p.slot] = {
      status: "imported",
      messageId,
      conversationId: conversation.id,
      conversationDisplayId: conversation.displayId,
      isNewConversation: p.opens,
      strategy: p.strategy,
    };
  }
  await recordAutomationEventsInTransaction(tx, afterCommit, accountId, ruleEvents);
  // Auto-assignment looks once at each inbox where the batch opened or reopened an unassigned conversation.
  const newIds = new Set([...real.values()].map((c) => c.id));
  const waitingIn = new Set<number>();
  for (const [id, change] of touched) {
    const state = states.get(id);
    if (state && state.status === "open" && state.assigneeId === null && (newIds.has(id) || change.reopen === "open")) waitingIn.add(state.inboxId);
  }
  for (const inboxId of waitingIn) requestAutoAssignment(afterCommit, { accountId, inboxId });
  // The stand-ins in the thread map become the conversations now written.
  if (lookups.threads) {
    for (const [key, value] of lookups.threads) {
      const written = value.id < 0 ? real.get(value.id) : undefined;
      if (written) lookups.threads.set(key, written);
    }
  }
}
