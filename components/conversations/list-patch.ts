import type { ListRow } from "./list-row";
import { isNewer } from "@/lib/realtime/payloads";
import type { FilterItem } from "./filter-url";
import { matchesFilter } from "./filter-match";
import type { AssigneeType, ListSort, ListStatus } from "./list-query";

/** Rows per list page (lib/conversations/list-conversations: CONVERSATIONS_PER_PAGE). */
export const LIST_PAGE_SIZE = 25;
/**
 * A row known only from an event is still shown when the server render lacks it if that render
 * ran less than this after the row's change (`version`, the server's clock): a refresh started
 * before the change's commit can land after its event. Renders made later are the truth.
 */
export const EVENT_ROW_GRACE_MS = 10_000;

/** Which rows the list shows: the URL's filters, for this user, on this page. */
export type ListScope = {
  status: ListStatus;
  assigneeType: AssigneeType;
  inboxId?: number;
  meId: number;
  page: number;
  /** Label, team and priority filters (list-query.ts); myTeamIds: the teams "My teams" means. */
  labels?: string[];
  teamId?: number;
  myTeamIds?: number[];
  priority?: string[];
  /** The list's order (list-query.ts); absent: newest activity first. */
  sortBy?: ListSort;
  /** The advanced filter (filter-url.ts), when the list shows one. */
  filter?: readonly FilterItem[];
};

/**
 * The newest row event applied per conversation id, and the newest read per conversation id;
 * `hidden`: conversations the viewer lost sight of (conversation.hidden, a narrowing custom role),
 * with that event's version.
 */
export type ListPatches = {
  rows: ReadonlyMap<number, { version: number; row: ListRow }>;
  reads: ReadonlyMap<number, { seenAt: number; version: number }>;
  hidden?: ReadonlyMap<number, number>;
};
export const NO_PATCHES: ListPatches = { rows: new Map(), reads: new Map() };

/** Whether the list under `scope` shows the row (as listConversations filters; inbox visibility is the channel's). */
export function matchesScope(row: ListRow, scope: ListScope): boolean {
  if (scope.status !== "all" && row.status !== scope.status) return false;
  if (scope.inboxId !== undefined && row.inboxId !== scope.inboxId) return false;
  if (scope.labels?.length && !scope.labels.some((l) => row.labels.includes(l.toLowerCase()))) return false;
  if (scope.teamId !== undefined && row.team?.id !== scope.teamId) return false;
  if (scope.myTeamIds !== undefined && (row.team === null || !scope.myTeamIds.includes(row.team.id))) return false;
  if (scope.priority?.length && !scope.priority.includes(row.priority ?? "none")) return false;
  if (scope.filter?.length && !matchesFilter(row, scope.filter)) return false;
  if (scope.assigneeType === "me") return row.assignee?.id === scope.meId;
  if (scope.assigneeType === "unassigned") return row.assignee === null;
  return true;
}

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
const time = (d: Date | null) => (d === null ? null : d.getTime());
/** Ascending, with nulls first or last as the index's order says. */
function ascending(a: number | null, b: number | null, nulls: "first" | "last"): number {
  if (a === b) return 0;
  if (a === null) return nulls === "first" ? -1 : 1;
  if (b === null) return nulls === "first" ? 1 : -1;
  return a - b;
}
const byActivity = (a: ListRow, b: ListRow) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || b.id - a.id;
const rank = (r: ListRow) => (r.priority ? (PRIORITY_RANK[r.priority] ?? null) : null);

/**
 * The list's order, as the server sorts it (lib/conversations/filter/sort.ts): a live row is
 * placed where the next render would put it, so a list sorted by created date or priority does
 * not turn into a last-activity list as events arrive.
 */
const ORDERS: Record<ListSort | "priority_asc" | "waiting_since_desc", (a: ListRow, b: ListRow) => number> = {
  last_activity_at_desc: byActivity,
  last_activity_at_asc: (a, b) => -byActivity(a, b),
  created_at_desc: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id,
  created_at_asc: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
  priority_desc: (a, b) => ascending(rank(a), rank(b), "last") || byActivity(a, b),
  priority_asc: (a, b) => -ascending(rank(a), rank(b), "last") || -byActivity(a, b),
  waiting_since_asc: (a, b) => ascending(time(a.waitingSince), time(b.waitingSince), "last") || a.id - b.id,
  waiting_since_desc: (a, b) => -ascending(time(a.waitingSince), time(b.waitingSince), "last") || b.id - a.id,
};

/** Negative when `a` comes before `b` in the list's order (newest activity first by default). */
export function compareRows(a: ListRow, b: ListRow, sort: ListScope["sortBy"] = "last_activity_at_desc"): number {
  return (ORDERS[sort] ?? byActivity)(a, b);
}

/** Records a row event (conversation.created/updated/status_changed, assignee.changed) unless an equal or newer one was applied. */
export function applyRowEvent(patches: ListPatches, row: ListRow, version: number): ListPatches {
  const current = patches.rows.get(row.id);
  if (current && !isNewer(version, current.version)) return patches;
  const hiddenAt = patches.hidden?.get(row.id);
  if (hiddenAt !== undefined && version < hiddenAt) return patches;
  const rows = new Map(patches.rows);
  rows.set(row.id, { version, row });
  if (hiddenAt === undefined) return { ...patches, rows };
  const hidden = new Map(patches.hidden);
  hidden.delete(row.id);
  return { ...patches, rows, hidden };
}

/**
 * Records a conversation.hidden: the viewer may no longer see the conversation, so its row goes
 * (the server's copy too, when older) until a newer row event brings it back.
 */
export function applyHiddenEvent(patches: ListPatches, conversationId: number, version: number): ListPatches {
  const current = patches.rows.get(conversationId);
  if (current && current.version > version) return patches;
  const rows = new Map(patches.rows);
  rows.delete(conversationId);
  const hidden = new Map(patches.hidden);
  hidden.set(conversationId, version);
  return { ...patches, rows, hidden };
}

/** Records a conversation.read (its agentLastSeenAt in ms) unless a newer one was applied. */
export function applyReadEvent(patches: ListPatches, conversationId: number, seenAt: number, version: number): ListPatches {
  const current = patches.reads.get(conversationId);
  if (current && !isNewer(version, current.version)) return patches;
  const reads = new Map(patches.reads);
  reads.set(conversationId, { seenAt, version });
  return { ...patches, reads };
}

/**
 * Forgets what a server render made at `renderedAt` already includes: changes (and reads) older
 * than the grace period. Keeps a screen that stays open all day from hoarding rows.
 */
export function prunePatches(patches: ListPatches, renderedAt: number): ListPatches {
  const fresh = <T extends { version: number }>(entries: ReadonlyMap<number, T>) => new Map([...entries].filter(([, e]) => renderedAt - e.version < EVENT_ROW_GRACE_MS));
  const rows = fresh(patches.rows);
  const reads = fresh(patches.reads);
  const hidden = patches.hidden && new Map([...patches.hidden].filter(([, version]) => renderedAt - version < EVENT_ROW_GRACE_MS));
  if (rows.size === patches.rows.size && reads.size === patches.reads.size && hidden?.size === patches.hidden?.size) return patches;
  return { rows, reads, hidden };
}

/**
 * The rows to show: the server's rows in the server's order, with every row whose applied event
 * is newer than the server's copy (`updatedAt`) replaced, moved to its place or removed when it no
 * longer matches the scope; on the first page also the rows known only from events the render may
 * predate (`renderedAt`: the server's time of the render). So an older server render never rolls
 * back what an event already showed.
 */
export function visibleRows(server: ListRow[], patches: ListPatches, scope: ListScope, renderedAt: number): ListRow[] {
  if (patches.rows.size === 0 && patches.reads.size === 0 && !patches.hidden?.size) return server;
  const kept: ListRow[] = [];
  const moved: ListRow[] = [];
  const onServer = new Set<number>();
  for (const row of server) {
    onServer.add(row.id);
    const hiddenAt = patches.hidden?.get(row.id);
    if (hiddenAt !== undefined && hiddenAt > row.updatedAt.getTime()) continue;
    const patch = patches.rows.get(row.id);
    if (!patch || patch.version <= row.updatedAt.getTime()) kept.push(row);
    else if (matchesScope(patch.row, scope)) moved.push(patch.row);
  }
  if (scope.page === 1) {
    for (const [id, patch] of patches.rows) {
      if (!onServer.has(id) && renderedAt - patch.version < EVENT_ROW_GRACE_MS && matchesScope(patch.row, scope)) moved.push(patch.row);
    }
  }
  // Placed one by one so the server's rows keep its order (Postgres orders by microseconds, JS dates have milliseconds).
  const rows = [...kept];
  const compare = (a: ListRow, b: ListRow) => compareRows(a, b, scope.sortBy);
  for (const row of moved.sort(compare)) {
    const at = rows.findIndex((other) => compare(row, other) < 0);
    rows.splice(at === -1 ? rows.length : at, 0, row);
  }
  // A row that sorts after a full page belongs to the next one (only the first page takes new rows).
  const limited = scope.page === 1 && rows.length > LIST_PAGE_SIZE ? rows.slice(0, Math.max(LIST_PAGE_SIZE, server.length)) : rows;
  return limited.map((row) => markRead(row, patches.reads.get(row.id)));
}

/** A read newer than the row's last activity clears its unread count (a later message would have moved the activity). */
function markRead(row: ListRow, read: { seenAt: number } | undefined): ListRow {
  if (!read || row.unreadCount === 0 || read.seenAt < row.lastActivityAt.getTime()) return row;
  return { ...row, unreadCount: 0, agentLastSeenAt: new Date(read.seenAt) };
}

/**
 * Drops what can no longer show: a screen that stays open all day without a render would
 * otherwise keep every row any event ever brought. Kept: the patches of the server's rows (they
 * override its copies) and of the rows now shown; a row dropped here comes back whole with its
 * next event (every row event carries the whole row).
 */
export function compactPatches(patches: ListPatches, server: ListRow[], scope: ListScope, renderedAt: number): ListPatches {
  if (patches.rows.size + patches.reads.size + (patches.hidden?.size ?? 0) <= LIST_PAGE_SIZE * 2) return patches;
  const keep = new Set(server.map((row) => row.id));
  for (const row of visibleRows(server, patches, scope, renderedAt)) keep.add(row.id);
  const rows = new Map([...patches.rows].filter(([id]) => keep.has(id)));
  const reads = new Map([...patches.reads].filter(([id]) => keep.has(id)));
  // A hidden row matters only while the server's render still has it.
  const hidden = patches.hidden && new Map([...patches.hidden].filter(([id]) => server.some((row) => row.id === id)));
  if (rows.size === patches.rows.size && reads.size === patches.reads.size && hidden?.size === patches.hidden?.size) return patches;
  return { rows, reads, hidden };
}
