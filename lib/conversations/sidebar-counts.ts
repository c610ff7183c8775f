import { sql, type SQL } from "drizzle-orm";
import { UNREAD_SQL } from "@/db/queries/unread";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, requireAccountAccess } from "@/lib/accounts/access";

/** `unread` of `total` open conversations; unread = with incoming messages the agents have not seen. */
export type UnreadTotal = { unread: number; total: number };

export type SidebarCounts = {
  /** Per inbox id the actor can see (inboxes with no open conversation are absent: 0/0). */
  inboxes: Record<number, UnreadTotal>;
  views: { mine: UnreadTotal; unassigned: UnreadTotal; all: UnreadTotal };
};

const zero = (): UnreadTotal => ({ unread: 0, total: 0 });
const add = (into: UnreadTotal, row: UnreadTotal) => {
  into.unread += row.unread;
  into.total += row.total;
};

/**
 * The sidebar's `unread/total` counts of OPEN conversations, per inbox and per view (Mine,
 * Unassigned, All), over the inboxes the actor may see. "Unread" is the list's unread badge: an
 * incoming message newer than the conversation's agent_last_seen_at, read from the row itself
 * (last_incoming_at, kept by triggers on messages), so one index-only scan of
 * conversations_open_counts_idx answers, whatever the number of messages.
 */
export async function sidebarCounts(db: DbOrTx, actor: Actor, accountId: number): Promise<SidebarCounts> {
  const access = await requireAccountAccess(db, actor, accountId);
  const visible = await accessibleInboxIds(db, access);
  const counts: SidebarCounts = { inboxes: {}, views: { mine: zero(), unassigned: zero(), all: zero() } };
  if (visible !== "all" && visible.length === 0) return counts;
  const rows = await db.execute<{ inbox_id: number; mine: boolean; unassigned: boolean; total: number; unread: number }>(
    sidebarCountsQuery(accountId, visible, access.userId ?? 0),
  );
  for (const r of rows) {
    const row = { unread: Number(r.unread), total: Number(r.total) };
    const inboxId = Number(r.inbox_id);
    add((counts.inboxes[inboxId] ??= zero()), row);
    add(counts.views.all, row);
    if (r.mine) add(counts.views.mine, row);
    if (r.unassigned) add(counts.views.unassigned, row);
  }
  return counts;
}

/** The counts' one statement, exported so tests can EXPLAIN it and benchmarks time it bare. */
export function sidebarCountsQuery(accountId: number, visible: readonly number[] | "all", me: number): SQL {
  const inboxFilter = visible === "all" ? sql`true` : sql`c.inbox_id in (${sql.join(visible.map((id) => sql`${id}`), sql`, `)})`;
  return sql`
    select c.inbox_id, coalesce(c.assignee_id = ${me}, false) as mine, c.assignee_id is null as unassigned,
           count(*)::int as total,
           count(*) filter (where ${UNREAD_SQL})::int as unread
    from conversations c
    where c.account_id = ${accountId} and c.status = 'open' and ${inboxFilter}
    group by 1, 2, 3`;
}
