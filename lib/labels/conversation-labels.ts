import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { executeNamed, type DbOrTx } from "@/db/client";
import { namedStatement } from "@/db/named-statement";
import { inTransaction, writeAtCommit } from "@/db/transaction";
import { conversations, messages } from "@/db/schema";
import { conversationSummariesQuery, toSummary, type SummaryRow } from "@/db/queries/conversation-summaries";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { anyTargetSql } from "@/lib/integrations/targets";
import { recordAutomationEventsInTransaction } from "@/lib/automation/record-event";
import { notFound } from "@/lib/errors";
import { activityMessageRow, actorName } from "@/lib/messages/activity";
import { isPusherConfigured } from "@/lib/env";
import { emitConversationUpdated } from "@/lib/realtime/emit";

const titles = z.array(z.string().max(255)).max(100);
export const changeConversationLabelsInput = z
  .object({
    /** Replaces the whole list (Chatwoot's POST /conversations/{id}/labels). */
    set: titles.optional(),
    add: titles.optional(),
    remove: titles.optional(),
  })
  .refine((v) => v.set !== undefined || v.add !== undefined || v.remove !== undefined, { message: "Nothing to change" });
export type ChangeConversationLabelsInput = z.input<typeof changeConversationLabelsInput>;

/** The conversation's label titles, alphabetically. */
export async function getConversationLabels(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<string[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  const conversation = await findVisibleConversation(db, access, displayId);
  return (await loadConversationSummary(db, accountId, conversation.id)).labels;
}

/** What the caller of a label change wants back. */
export type LabelChangeOptions = {
  /**
   * False for a caller that ignores the returned summary (a rule's or a macro's action): the
   * summary is then read only when something uses it, the live event (live refresh on) or a
   * webhook's snapshot, and null is returned.
   */
  returnSummary?: boolean;
};

/**
 * Sets, adds or removes labels on a conversation; any agent who can see it may. Titles the
 * account has no label for are left out, as Chatwoot does. A change writes an activity line
 * ("… added billing"), goes live to the inbox's agents and fires `conversation_updated` with
 * `changed_attributes.label_list` (Chatwoot's name), previous and current as title lists.
 *
 * The label rows and the conversation's updated_at are written by one statement that also
 * reports what it really added and removed (ON CONFLICT and RETURNING: two concurrent changes
 * each report their own), the lists before and after it, the conversation's inbox and whether any
 * webhook or bot listens; the summary for the live event is read after it, in the same round trip,
 * unless nothing would use it (`returnSummary: false` without live refresh); the activity line
 * and the event recorded for rules go with the commit (writeAtCommit).
 * The system (a rule's action) has no visibility to check, so it does not look the conversation
 * up first: the write finds it by its display id.
 */
export async function changeConversationLabels(db: DbOrTx, actor: Actor, accountId: number, displayId: number, params: ChangeConversationLabelsInput): Promise<ConversationSummary>;
export async function changeConversationLabels(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ChangeConversationLabelsInput,
  options: LabelChangeOptions,
): Promise<ConversationSummary | null>;
export async function changeConversationLabels(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ChangeConversationLabelsInput,
  options: LabelChangeOptions = {},
): Promise<ConversationSummary | null> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(changeConversationLabelsInput, params, "api");
  if (!Number.isSafeInteger(displayId) || displayId <= 0) throw notFound("Conversation");
  // Without live refresh nobody hears the live event: a caller that ignores the summary needs none.
  const readsSummary = options.returnSummary !== false || isPusherConfigured();
  return inTransaction(db, async (tx, afterCommit) => {
    const known = access.role === "system" ? null : await findVisibleConversation(tx, access, displayId);
    // Sent together (one round trip): the summary is read after the write on the same connection, so it sees it.
    const [change, summary] = await Promise.all([
      writeLabelChange(tx, accountId, known ? { id: known.id } : { displayId }, input),
      // Named, like the write: planned once per connection (its planning cost 10 times its execution).
      readsSummary
        ? executeNamed<SummaryRow>(tx, conversationSummariesQuery(accountId, known ? eq(conversations.id, known.id) : eq(conversations.displayId, displayId), sql``)).then((rows) => (rows.length > 0 ? toSummary(rows[0]) : undefined))
        : null,
    ]);
    const conversation = change.conversation;
    if (conversation === null || summary === undefined) throw notFound("Conversation");
    if (!change.changed) return summary;

    const who = (await actorName(tx, access)) ?? "Automation";
    const lines = [
      ...(change.added.length > 0 ? [`${who} added ${change.added.join(", ")}`] : []),
      ...(change.removed.length > 0 ? [`${who} removed ${change.removed.join(", ")}`] : []),
    ];
    // Nothing in this transaction reads the activity lines back (the summary's last message skips them).
    if (lines.length > 0) await writeAtCommit(tx, tx.insert(messages).values(lines.map((line) => activityMessageRow(conversation, line))));
    if (summary) emitConversationUpdated(afterCommit, summary);
    const conversationId = conversation.id;
    const changedAttributes = { label_list: [change.previous, change.current] as [unknown, unknown] };
    // Recorded for rules with the commit, not after it: one statement with the activity line.
    await recordAutomationEventsInTransaction(tx, afterCommit, accountId, [{ accountId, event: "conversation_updated", conversationId, changedAttributes }], { atCommit: true });
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId,
      events: ["conversation_updated"],
      changedAttributes,
      // Not read above: a webhook's snapshot reads it here, in the transaction.
      summary: summary ?? undefined,
      automationRecorded: true,
      hasTargets: change.hasTargets,
    });
    return summary;
  });
}

type LabelChange = {
  /** Null when the account has no such conversation. */
  conversation: { accountId: number; id: number; inboxId: number } | null;
  changed: boolean;
  previous: string[];
  current: string[];
  added: string[];
  removed: string[];
  hasTargets: boolean;
};

const lowerTitles = (titles: readonly string[] | undefined) => [...new Set((titles ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];

type LabelWriteRow = { conversation_id: number | null; inbox_id: number | null; changed: boolean; previous: string[]; current: string[]; added: string[]; removed: string[]; has_targets: boolean };
type LabelWriteValues = { accountId: number; conversationId: number | null; displayId: number | null; want: string[]; drop: string[]; replaces: boolean };
const value = (name: keyof LabelWriteValues) => sql.placeholder(name);

/**
 * One statement: the labels to have (set and add, less remove) inserted, the ones to drop (remove,
 * or with `set` every other) deleted, updated_at moved when either did. The main select sees the
 * rows as they were before the statement: the previous list, in the summary's order, and the
 * current one is that list less what was deleted plus what was inserted (the same order).
 * Its text is the same for every change (titles as array parameters), rendered once.
 */
const labelWrite = (db: DbOrTx, target: SQL) => sql`
    with target as (select ${target} as id),
    wanted as (select id from labels where account_id = ${value("accountId")} and lower(title) = any(${value("want")}::text[])),
    dropped as (select id from labels where account_id = ${value("accountId")} and lower(title) = any(${value("drop")}::text[])),
    del as (
      delete from conversation_labels cl
      where cl.account_id = ${value("accountId")} and cl.conversation_id = (select id from target)
        and (cl.label_id in (select id from dropped) or (${value("replaces")}::boolean and cl.label_id not in (select id from wanted)))
      returning cl.label_id
    ),
    ins as (
      insert into conversation_labels (account_id, conversation_id, label_id)
      select ${value("accountId")}, target.id, wanted.id from target, wanted where target.id is not null
      on conflict do nothing
      returning label_id
    ),
    upd as (
      update conversations set updated_at = clock_timestamp()
      where account_id = ${value("accountId")} and id = (select id from target) and (exists (select 1 from del) or exists (select 1 from ins))
      returning id
    )
    select (select id from target) as conversation_id,
      (select inbox_id from conversations where account_id = ${value("accountId")} and id = (select id from target)) as inbox_id,
      exists (select 1 from upd) as changed,
      array(select l.title from conversation_labels cl join labels l on l.account_id = cl.account_id and l.id = cl.label_id
            where cl.account_id = ${value("accountId")} and cl.conversation_id = (select id from target) order by l.title) as previous,
      array(select l.title from labels l
            where l.account_id = ${value("accountId")}
              and (l.id in (select label_id from ins)
                or (l.id not in (select label_id from del)
                  and l.id in (select cl.label_id from conversation_labels cl where cl.account_id = ${value("accountId")} and cl.conversation_id = (select id from target))))
            order by l.title) as current,
      array(select l.title from ins join labels l on l.account_id = ${value("accountId")} and l.id = ins.label_id order by l.title) as added,
      array(select l.title from del join labels l on l.account_id = ${value("accountId")} and l.id = del.label_id order by l.title) as removed,
      -- The registry's question, built with the account as a placeholder (its kinds compare it to a column).
      ${anyTargetSql(db, value("accountId") as unknown as number)} as has_targets
  `;
/** A conversation a person's visibility check found, or (the system's change) the one with that display id. */
const writeById = namedStatement<LabelWriteValues>((db) => labelWrite(db, sql`${value("conversationId")}::int`));
const writeByDisplayId = namedStatement<LabelWriteValues>((db) =>
  labelWrite(db, sql`(select id from conversations where account_id = ${value("accountId")} and display_id = ${value("displayId")}::int)`),
);

async function writeLabelChange(tx: DbOrTx, accountId: number, target: { id: number } | { displayId: number }, input: z.output<typeof changeConversationLabelsInput>): Promise<LabelChange> {
  const drop = lowerTitles(input.remove);
  const want = lowerTitles([...(input.set ?? []), ...(input.add ?? [])]).filter((t) => !drop.includes(t));
  const values: LabelWriteValues = { accountId, conversationId: "id" in target ? target.id : null, displayId: "displayId" in target ? target.displayId : null, want, drop, replaces: input.set !== undefined };
  // A named prepared statement: PostgreSQL plans it once per connection, not at every change.
  const [row] = await ("id" in target ? writeById : writeByDisplayId)<LabelWriteRow>(tx, values);
  const conversation = row.conversation_id === null || row.inbox_id === null ? null : { accountId, id: Number(row.conversation_id), inboxId: Number(row.inbox_id) };
  return { conversation, changed: row.changed, previous: row.previous, current: row.current, added: row.added, removed: row.removed, hasTargets: row.has_targets === true };
}
