import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { LIST_ORDER, selectConversationSummaries } from "@/db/queries/conversation-summaries";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, assertInboxAccess, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import type { ConversationListMeta, ConversationSummary } from "./types";
import { resolveSort, SORT_KEYS, sortClauses, type ConversationSort } from "./filter/sort";
import { messageTextCondition } from "./filter/message-text";

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
  if (input.inboxId !== undefined) await assertInboxAccess(db, access, input.inboxId);
  const visible = input.inboxId !== undefined ? [input.inboxId] : await accessibleInboxIds(db, access);
  if (visible !== "all" && visible.length === 0) return null;
  const scope: SQL[] = [eq(conversations.accountId, access.accountId)];
  if (input.status !== "all") scope.push(eq(conversations.status, input.status));
  if (visible !== "all") scope.push(visible.length === 1 ? eq(conversations.inboxId, visible[0]) : inArray(conversations.inboxId, visible));
  return scope;
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

export async function tabCounts(db: DbOrTx, access: AccountAccess, scope: SQL[]): Promise<ConversationListMeta> {
  const [row] = await db.execute<{ mine: number; unassigned: number; all: number }>(tabCountsQuery(scope, access.userId));
  return { mineCount: Number(row?.mine ?? 0), unassignedCount: Number(row?.unassigned ?? 0), allCount: Number(row?.all ?? 0) };
}

/**
 * The agent inbox: one page of conversations, newest activity first, with the counts for the
 * Mine / Unassigned / All tabs under the same status and inbox filters. Agents see only
 * conversations of inboxes they are members of.
 */
export async function listConversations(db: DbOrTx, actor: Actor, accountId: number, params: ListConversationsInput = {}): Promise<ConversationList> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(listConversationsInput, params);
  const scope = await listScope(db, access, { ...input, status: input.q ? "all" : input.status });
  if (!scope) return { conversations: [], meta: EMPTY_META };
  if (input.q) scope.push(messageTextCondition(input.q));

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

  return listPage(db, access, scope, tab, input.page, resolveSort(input.sortBy));
}

/** One page under `scope` (and the tab's condition) in `sort`'s order, with the tab counts of `scope`. */
export async function listPage(db: DbOrTx, access: AccountAccess, scope: SQL[], tab: SQL | undefined, page: number, sort: ConversationSort): Promise<ConversationList> {
  const order = sortClauses(sort);
  const [rows, meta] = await Promise.all([
    selectConversationSummaries(db, access.accountId, and(...scope, tab) ?? sql`true`, pageClause(page, order.inner), order.outer),
    tabCounts(db, access, scope),
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
  const scope = await listScope(db, access, input);
  return scope ? tabCounts(db, access, scope) : EMPTY_META;
}
