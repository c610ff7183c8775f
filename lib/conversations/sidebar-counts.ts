import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, requireAccountAccess } from "@/lib/accounts/access";
import { conversationVisibilitySql } from "@/lib/accounts/conversation-visibility";
import { UNREAD_SQL } from "@/db/queries/unread";
import { batchedValue } from "@/lib/request-batch";

/** `unread` of `total` open conversations; unread = with incoming messages the agents have not seen. */
export type UnreadTotal = { unread: number; total: number };

export type SidebarCounts = {
  /** Per inbox id the actor can see (inboxes with no open conversation are absent: 0/0). */
  inboxes: Record<number, UnreadTotal>;
  views: { mine: UnreadTotal; unassigned: UnreadTotal; all: UnreadTotal };
  /** Open conversations where the actor was @mentioned (the Mentions view), in inboxes they see. */
  mentions: number;
};

const zero = (): UnreadTotal => ({ unread: 0, total: 0 });
const add = (into: UnreadTotal, row: UnreadTotal) => {
  into.unread += row.unread;
  into.total += row.total;
};

/**
 * The sidebar's `unread/total` counts of OPEN conversations, per inbox and per view (Mine,
 * Unassigned, All), over the inboxes the actor may see. "Unread" is the list's unread badge
 * (db/queries/unread.ts). Read from conversation_open_counts, the per-(inbox, assignee) deltas
 * that triggers on conversations append: a few hundred rows at most, whatever the number of
 * conversations or messages.
 */
export async function sidebarCounts(db: DbOrTx, actor: Actor, accountId: number): Promise<SidebarCounts> {
  const access = await requireAccountAccess(db, actor, accountId);
  const visible = await accessibleInboxIds(db, access);
  const counts: SidebarCounts = { inboxes: {}, views: { mine: zero(), unassigned: zero(), all: zero() }, mentions: 0 };
  if (visible !== "all" && visible.length === 0) return counts;
  // Both are values of the request's batch (lib/request-batch.ts): with the bell and the tab
  // counts, one statement for the page. The groups come as [inbox, mine, unassigned, total, unread].
  // A custom role that narrows what they see within their inboxes: counted with its predicate.
  const narrowed = conversationVisibilitySql(access, sql.raw("c"));
  const groups = narrowed ? narrowedCountsQuery(accountId, visible, access.userId ?? 0, narrowed) : sidebarCountsQuery(accountId, visible, access.userId ?? 0);
  const [rows, mentioned] = await Promise.all([
    batchedValue<[number, boolean, boolean, number, number][] | null>(
      db,
      sql`select json_agg(json_build_array(g.inbox_id, g.mine, g.unassigned, g.total, g.unread)) from (${groups}) g`,
    ),
    access.userId === null ? 0 : batchedValue<number | null>(db, mentionsCountQuery(accountId, visible, access.userId, narrowed)),
  ]);
  counts.mentions = Number(mentioned ?? 0);
  for (const [inboxId, mine, unassigned, total, unread] of rows ?? []) {
    const row = { unread: Number(unread), total: Number(total) };
    add((counts.inboxes[inboxId] ??= zero()), row);
    add(counts.views.all, row);
    if (mine) add(counts.views.mine, row);
    if (unassigned) add(counts.views.unassigned, row);
  }
  return counts;
}

/** The counts' one statement, exported so tests can EXPLAIN it and benchmarks time it bare. */
export function sidebarCountsQuery(accountId: number, visible: readonly number[] | "all", me: number): SQL {
  const inboxFilter = visible === "all" ? sql`true` : sql`c.inbox_id in (${sql.join(visible.map((id) => sql`${id}`), sql`, `)})`;
  return sql`
    select c.inbox_id, coalesce(c.assignee_id = ${me}, false) as mine, c.assignee_id is null as unassigned,
           sum(c.total)::int as total, sum(c.unread)::int as unread
    from conversation_open_counts c
    where c.account_id = ${accountId} and ${inboxFilter}
    group by 1, 2, 3
    having sum(c.total) <> 0`;
}

const inboxFilterOf = (visible: readonly number[] | "all") =>
  visible === "all" ? sql`true` : sql`c.inbox_id in (${sql.join(visible.map((id) => sql`${id}`), sql`, `)})`;

/**
 * The same counts for a member whose custom role narrows what they see (their own, unassigned,
 * followed): the per-(inbox, assignee) counters cannot tell followed conversations apart, so the
 * open conversations they may see are counted, through the assignee index ranges and the
 * followers' key. Such a member sees few conversations by construction.
 */
function narrowedCountsQuery(accountId: number, visible: readonly number[] | "all", me: number, narrowed: SQL): SQL {
  return sql`
    select c.inbox_id, coalesce(c.assignee_id = ${me}, false) as mine, c.assignee_id is null as unassigned,
           count(*)::int as total, (count(*) filter (where ${UNREAD_SQL}))::int as unread
    from conversations c
    where c.account_id = ${accountId} and c.status = 'open' and ${inboxFilterOf(visible)} and ${narrowed}
    group by 1, 2, 3`;
}

/**
 * Open conversations the user was mentioned in: their mentions (mentions_user_idx), each joined to
 * its conversation by primary key. A user's mentions are few next to the account's conversations.
 */
export function mentionsCountQuery(accountId: number, visible: readonly number[] | "all", userId: number, narrowed?: SQL): SQL {
  const inboxFilter = visible === "all" ? sql`true` : sql`c.inbox_id in (${sql.join(visible.map((id) => sql`${id}`), sql`, `)})`;
  return sql`
    select count(*)::int as n
    from mentions m
    join conversations c on c.account_id = m.account_id and c.id = m.conversation_id
    where m.account_id = ${accountId} and m.user_id = ${userId} and c.status = 'open' and ${inboxFilter}${narrowed ? sql` and ${narrowed}` : sql``}`;
}

/**
 * Folds each (account, inbox, assignee) group of conversation_open_counts, and each (account,
 * status, inbox, assignee) group of conversation_status_counts (the other tabs' counters), into
 * one row (the cron `compact-conversation-open-counts`, every minute). A system sweep across
 * accounts: it changes no count, only how many rows hold it. Rows a writer adds meanwhile are not
 * in this statement's snapshot and stay as they are, so nothing is lost or counted twice.
 */
export async function compactConversationOpenCounts(db: DbOrTx): Promise<{ groups: number }> {
  const rows = await db.execute<{ n: number }>(sql`
    with groups as (
      select account_id, inbox_id, assignee_id from conversation_open_counts group by 1, 2, 3 having count(*) > 1
    ), gone as (
      delete from conversation_open_counts c using groups g
      where c.account_id = g.account_id and c.inbox_id = g.inbox_id and c.assignee_id is not distinct from g.assignee_id
      returning c.account_id, c.inbox_id, c.assignee_id, c.total, c.unread
    ), folded as (
      insert into conversation_open_counts (account_id, inbox_id, assignee_id, total, unread)
      select account_id, inbox_id, assignee_id, sum(total), sum(unread) from gone
      group by 1, 2, 3 having sum(total) <> 0 or sum(unread) <> 0
      returning 1
    ), status_groups as (
      select account_id, status, inbox_id, assignee_id from conversation_status_counts group by 1, 2, 3, 4 having count(*) > 1
    ), status_gone as (
      delete from conversation_status_counts c using status_groups g
      where c.account_id = g.account_id and c.status = g.status and c.inbox_id = g.inbox_id and c.assignee_id is not distinct from g.assignee_id
      returning c.account_id, c.status, c.inbox_id, c.assignee_id, c.total
    ), status_folded as (
      insert into conversation_status_counts (account_id, status, inbox_id, assignee_id, total)
      select account_id, status, inbox_id, assignee_id, sum(total) from status_gone
      group by 1, 2, 3, 4 having sum(total) <> 0
      returning 1
    )
    select ((select count(*) from groups) + (select count(*) from status_groups))::int as n`);
  return { groups: Number(rows[0]?.n ?? 0) };
}
