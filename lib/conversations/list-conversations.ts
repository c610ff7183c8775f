import { and, count, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { selectConversationSummaries } from "@/db/queries/conversation-summaries";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, assertInboxAccess, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import type { ConversationListMeta, ConversationSummary } from "./types";

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
async function listScope(
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

async function tabCounts(db: DbOrTx, access: AccountAccess, scope: SQL[]): Promise<ConversationListMeta> {
  const me = access.userId;
  const [row] = await db
    .select({
      mine: me === null ? sql<number>`0` : sql<number>`count(*) filter (where ${conversations.assigneeId} = ${me})`.mapWith(Number),
      unassigned: sql<number>`count(*) filter (where ${conversations.assigneeId} is null)`.mapWith(Number),
      all: count(),
    })
    .from(conversations)
    .where(and(...scope));
  return { mineCount: Number(row?.mine ?? 0), unassignedCount: row?.unassigned ?? 0, allCount: row?.all ?? 0 };
}

/**
 * The agent inbox: one page of conversations, newest activity first, with the counts for the
 * Mine / Unassigned / All tabs under the same status and inbox filters. Agents see only
 * conversations of inboxes they are members of.
 */
export async function listConversations(db: DbOrTx, actor: Actor, accountId: number, params: ListConversationsInput = {}): Promise<ConversationList> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(listConversationsInput, params);
  const scope = await listScope(db, access, input);
  if (!scope) return { conversations: [], meta: EMPTY_META };

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

  const filter = and(...scope, tab) ?? sql`true`;
  const offset = (input.page - 1) * CONVERSATIONS_PER_PAGE;
  const [rows, meta] = await Promise.all([
    selectConversationSummaries(db, accountId, filter, sql`order by last_activity_at desc, id desc limit ${CONVERSATIONS_PER_PAGE} offset ${offset}`),
    tabCounts(db, access, scope),
  ]);
  return { conversations: rows, meta };
}

/** Only the tab counts (Chatwoot's conversations/meta). */
export async function countConversations(db: DbOrTx, actor: Actor, accountId: number, params: CountConversationsInput = {}): Promise<ConversationListMeta> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(countConversationsInput, params);
  const scope = await listScope(db, access, input);
  return scope ? tabCounts(db, access, scope) : EMPTY_META;
}
