import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { conversationSummariesQuery, LIST_ORDER, toSummary, type SummaryRow } from "@/db/queries/conversation-summaries";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, assertInboxAccess, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { conversationVisibilitySql } from "@/lib/accounts/conversation-visibility";
import { parseInput } from "@/lib/api/validation";
import { batchedValue } from "@/lib/request-batch";
import type { ConversationListMeta, ConversationSummary } from "./types";
import { resolveSort, SORT_KEYS, sortClauses, type ConversationSort } from "./filter/sort";
import { messageTextCondition } from "./filter/message-text";
import { labelsCondition } from "@/lib/labels/filter";
import { myTeamsCondition, teamCondition } from "@/lib/teams/filter";
import { CONVERSATION_TYPES, conversationTypeCondition } from "./mentions-filter";
import { priorityCondition } from "./priority-filter";

export const CONVERSATIONS_PER_PAGE = 25;
/**
 * Offset pagination is bounded: page 400 is 10,000 rows deep, where walking the list index still
 * costs a few milliseconds. Deeper lists are a job for filters or search, not for paging.
 */
export const MAX_CONVERSATION_PAGE = 400;

const statusFilter = z.enum(["open", "pending", "resolved", "snoozed", "all"]).default("open");

export const listConversationsInput = z.object({
  status: statusFilter,
  assigneeType: z.enum(["me", "unassigned", "all", "assigned"]).default("all"),
  inboxId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(MAX_CONVERSATION_PAGE, `page must be at most ${MAX_CONVERSATION_PAGE}`).default(1),
  /** Chatwoot's sort_by keys (filter/sort.ts); newest activity first when absent. */
  sortBy: z.enum(SORT_KEYS).optional(),
  /** Conversations with a customer or agent message containing this text (any status, as Chatwoot). */
  q: z.string().trim().min(1).max(200).optional(),
  /** One team's conversations. */
  teamId: z.coerce.number().int().positive().optional(),
  /** Conversations of the caller's teams (the "My teams" view). */
  myTeams: z.boolean().optional(),
  /** Conversations with any of these labels (titles). */
  labels: z.array(z.string().max(255)).max(20).optional(),
  /** Conversations of these priorities ("none": no priority). */
  priority: z.array(z.enum(["urgent", "high", "medium", "low", "none"])).max(5).optional(),
  /** Chatwoot's conversation_type: where the caller was @mentioned, or which they follow. */
  conversationType: z.enum(CONVERSATION_TYPES).optional(),
});
export type ListConversationsInput = z.input<typeof listConversationsInput>;

export const countConversationsInput = listConversationsInput.pick({ status: true, inboxId: true });
export type CountConversationsInput = z.input<typeof countConversationsInput>;

export type ConversationList = { conversations: ConversationSummary[]; meta: ConversationListMeta };

const EMPTY_META: ConversationListMeta = { mineCount: 0, unassignedCount: 0, allCount: 0 };

/**
 * The conditions shared by the page and the tab counts (account, status, visible inboxes), or
 * null when the actor can see no inbox at all.
 */
export async function listScope(
  db: DbOrTx,
  access: AccountAccess,
  input: { status: z.infer<typeof statusFilter>; inboxId?: number },
): Promise<SQL[] | null> {
  return (await scopeAndInboxes(db, access, input))?.conditions ?? null;
}

/** listScope, with the visible inboxes it filters on ("all": an administrator, no inbox filter). */
async function scopeAndInboxes(
  db: DbOrTx,
  access: AccountAccess,
  input: { status: z.infer<typeof statusFilter>; inboxId?: number },
): Promise<{ conditions: SQL[]; inboxIds: readonly number[] | "all"; narrowed: boolean } | null> {
  if (input.inboxId !== undefined) await assertInboxAccess(db, access, input.inboxId);
  const visible = input.inboxId !== undefined ? [input.inboxId] : await accessibleInboxIds(db, access);
  if (visible !== "all" && visible.length === 0) return null;
  const conditions: SQL[] = [eq(conversations.accountId, access.accountId)];
  if (input.status !== "all") conditions.push(eq(conversations.status, input.status));
  if (visible !== "all") conditions.push(visible.length === 1 ? eq(conversations.inboxId, visible[0]) : inArray(conversations.inboxId, visible));
  // A custom role may narrow what is seen within the inboxes: then the per-inbox counters cannot
  // answer the tabs, the index ranges do.
  const narrowed = conversationVisibilitySql(access);
  if (narrowed) conditions.push(narrowed);
  return { conditions, inboxIds: visible, narrowed: narrowed !== undefined };
}

/**
 * Three counts as three index ranges rather than one pass with FILTERs: "mine" and "unassigned"
 * are exact ranges of conversations_assignee_list_idx and "all" of conversations_list_idx, each
 * countable from the index alone, so the cost follows the size of each tab, not of the account.
 */
export function tabCountsQuery(scope: SQL[], me: number | null): SQL {
  const where = and(...scope);
  const mine = me === null ? sql`0` : sql`(select count(*) from ${conversations} where ${where} and ${conversations.assigneeId} = ${me})`;
  return sql`select ${mine}::int as mine,
    (select count(*) from ${conversations} where ${where} and ${conversations.assigneeId} is null)::int as unassigned,
    (select count(*) from ${conversations} where ${where})::int as all`;
}

/**
 * The tabs under no other filter than status and inbox (the default, and every agent's first
 * screen) are read from counters kept exact by triggers on conversations: open from
 * conversation_open_counts (the sidebar's), the other statuses from conversation_status_counts,
 * "all" from both; a few hundred rows, where counting the index grows with the conversations
 * (100,000 open and 800,000 resolved at 1M). A list narrowed by anything else (text, team,
 * labels, priority) counts its rows.
 */
export function counterTabCountsQuery(accountId: number, status: ListStatus, inboxIds: readonly number[] | "all", me: number | null): SQL {
  const inboxFilter = inboxIds === "all" ? sql`true` : sql`c.inbox_id in (${sql.join(inboxIds.map((id) => sql`${id}`), sql`, `)})`;
  const open = sql`select c.assignee_id, c.total from conversation_open_counts c where c.account_id = ${accountId} and ${inboxFilter}`;
  const others = sql`select c.assignee_id, c.total from conversation_status_counts c where c.account_id = ${accountId} and ${inboxFilter}`;
  const source =
    status === "open" ? open : status === "all" ? sql`${open} union all ${others}` : sql`${others} and c.status = ${status}`;
  const mine = me === null ? sql`0` : sql`coalesce(sum(c.total) filter (where c.assignee_id = ${me}), 0)`;
  return sql`select ${mine}::int as mine,
    coalesce(sum(c.total) filter (where c.assignee_id is null), 0)::int as unassigned,
    coalesce(sum(c.total), 0)::int as all
    from (${source}) c`;
}

type ListStatus = z.infer<typeof statusFilter>;

/** `counted`: the scope is only this status in these inboxes, so the counters can answer. */
export async function tabCounts(
  db: DbOrTx,
  access: AccountAccess,
  scope: SQL[],
  counted?: { status: ListStatus; inboxIds: readonly number[] | "all" },
): Promise<ConversationListMeta> {
  const query = counted ? counterTabCountsQuery(access.accountId, counted.status, counted.inboxIds, access.userId) : tabCountsQuery(scope, access.userId);
  // A value of the request's batch (lib/request-batch.ts): on a page, read with the sidebar's counts.
  // From the counters, the plan never depends on the values: planned once per connection.
  const row = await batchedValue<[number, number, number] | null>(db, sql`select json_build_array(t.mine, t.unassigned, t.all) from (${query}) t`, { genericPlan: counted !== undefined });
  return { mineCount: Number(row?.[0] ?? 0), unassignedCount: Number(row?.[1] ?? 0), allCount: Number(row?.[2] ?? 0) };
}

/**
 * The agent inbox: one page of conversations, newest activity first, with the counts for the
 * Mine / Unassigned / All tabs under the same status and inbox filters. Agents see only
 * conversations of inboxes they are members of.
 */
export async function listConversations(db: DbOrTx, actor: Actor, accountId: number, params: ListConversationsInput = {}): Promise<ConversationList> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(listConversationsInput, params);
  const scoped = await scopeAndInboxes(db, access, { ...input, status: input.q ? "all" : input.status });
  if (!scoped) return { conversations: [], meta: EMPTY_META };
  const scope = scoped.conditions;
  // The counters cannot tell which conversations a narrowing custom role shows: those count rows.
  const plain = !scoped.narrowed && !input.q && input.teamId === undefined && !input.myTeams && !input.labels?.length && !input.priority?.length && !input.conversationType;
  if (input.q) scope.push(messageTextCondition(input.q));
  // Team, label and priority narrow the counts too, as Chatwoot's team_id and labels do.
  if (input.teamId !== undefined) scope.push(teamCondition(input.teamId));
  if (input.myTeams) scope.push(await myTeamsCondition(db, accountId, access.userId));
  if (input.labels?.length) scope.push(await labelsCondition(db, accountId, input.labels));
  if (input.priority?.length) scope.push(priorityCondition(input.priority));
  if (input.conversationType) scope.push(conversationTypeCondition(db, accountId, access.userId, input.conversationType));

  const me = access.userId;
  const tab: SQL | undefined =
    input.assigneeType === "me"
      ? me === null
        ? sql`false`
        : eq(conversations.assigneeId, me)
      : input.assigneeType === "unassigned"
        ? isNull(conversations.assigneeId)
        : input.assigneeType === "assigned"
          ? isNotNull(conversations.assigneeId)
          : undefined;

  return listPage(db, access, scope, tab, input.page, resolveSort(input.sortBy), plain ? { status: input.status, inboxIds: scoped.inboxIds } : undefined);
}

/**
 * One page under `scope` (and the tab's condition) in `sort`'s order, with the tab counts of
 * `scope` (from the counters when `counted` says the scope is only that status in those inboxes).
 */
export async function listPage(
  db: DbOrTx,
  access: AccountAccess,
  scope: SQL[],
  tab: SQL | undefined,
  page: number,
  sort: ConversationSort,
  counted?: { status: ListStatus; inboxIds: readonly number[] | "all" },
): Promise<ConversationList> {
  const order = sortClauses(sort);
  const [rows, meta] = await Promise.all([
    // The page as one json value of the request's batch: with the tab counts (and, on a page, the
    // layout's counts) in one statement, and one JSON.parse instead of ~60 columns × 25 rows.
    batchedValue<SummaryRow[] | null>(
      db,
      sql`select json_agg(s) from (${conversationSummariesQuery(access.accountId, and(...scope, tab) ?? sql`true`, pageClause(page, order.inner), order.outer)}) s`,
      // A plain list (status, inboxes, tab) walks its list index whatever the values: its generic
      // plan is the plan. Text, labels, teams or priority keep a plan made for their values.
      // On a page, its own statement beside the small reads (the "page" lane): the layout renders meanwhile.
      { genericPlan: counted !== undefined, lane: "page" },
    ).then((rows) => (rows ?? []).map(toSummary)),
    tabCounts(db, access, scope, counted),
  ]);
  return { conversations: rows, meta };
}

/** ORDER BY matching the list indexes, then one page. */
export const pageClause = (page: number, order: SQL = LIST_ORDER): SQL =>
  sql`${order} limit ${CONVERSATIONS_PER_PAGE} offset ${(page - 1) * CONVERSATIONS_PER_PAGE}`;

/** Only the tab counts (Chatwoot's conversations/meta). */
export async function countConversations(db: DbOrTx, actor: Actor, accountId: number, params: CountConversationsInput = {}): Promise<ConversationListMeta> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(countConversationsInput, params);
  const scoped = await scopeAndInboxes(db, access, input);
  return scoped ? tabCounts(db, access, scoped.conditions, scoped.narrowed ? undefined : { status: input.status, inboxIds: scoped.inboxIds }) : EMPTY_META;
}
