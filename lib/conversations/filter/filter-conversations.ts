import { eq, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { conversations } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { listPage, listScope, MAX_CONVERSATION_PAGE, tabCounts, type ConversationList } from "../list-conversations";
import type { ConversationListMeta } from "../types";
import { conversationLookupFor } from "./conversation-attributes";
import { compileFilter, filterPayload } from "./payload";
import { resolveSort, SORT_KEYS } from "./sort";

export const filterConversationsInput = z.object({
  payload: filterPayload,
  page: z.coerce.number().int().min(1).max(MAX_CONVERSATION_PAGE, `page must be at most ${MAX_CONVERSATION_PAGE}`).default(1),
  sortBy: z.enum(SORT_KEYS).optional(),
});
export type FilterConversationsInput = z.input<typeof filterConversationsInput>;

/**
 * Chatwoot's advanced filter (`POST /conversations/filter`, saved views): the conversations the
 * actor can see that match every condition of the payload, one page in the chosen order, with the
 * Mine / Unassigned / All counts of the whole match. Status is a condition like any other (no
 * default), so a payload without one spans every status. `assigneeType` picks the page's tab (the
 * screen's Mine / Unassigned / All over a filter; the API answers All).
 */
export async function filterConversations(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: FilterConversationsInput,
  assigneeType: "me" | "unassigned" | "all" = "all",
): Promise<ConversationList> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(filterConversationsInput, params, "api");
  const condition = compileFilter(input.payload, await conversationLookupFor(db, accountId, input.payload));
  const scope = await listScope(db, access, { status: "all" });
  if (!scope) return { conversations: [], meta: { mineCount: 0, unassignedCount: 0, allCount: 0 } };
  scope.push(condition);
  const tab: SQL | undefined =
    assigneeType === "me" ? (access.userId === null ? sql`false` : eq(conversations.assigneeId, access.userId)) : assigneeType === "unassigned" ? isNull(conversations.assigneeId) : undefined;
  return listPage(db, access, scope, tab, input.page, resolveSort(input.sortBy));
}

/**
 * Only the Mine / Unassigned / All counts of a filter's match (what filterConversations' meta
 * says): the live counts of a filtered list, read after events instead of re-rendering it
 * (lib/conversations/live-counts.ts).
 */
export async function countFilteredConversations(db: DbOrTx, actor: Actor, accountId: number, params: { payload: unknown }): Promise<ConversationListMeta> {
  const access = await requireAccountAccess(db, actor, accountId);
  const { payload } = parseInput(filterConversationsInput.pick({ payload: true }), params, "api");
  const condition = compileFilter(payload, await conversationLookupFor(db, accountId, payload));
  const scope = await listScope(db, access, { status: "all" });
  if (!scope) return { mineCount: 0, unassignedCount: 0, allCount: 0 };
  return tabCounts(db, access, [...scope, condition]);
}
