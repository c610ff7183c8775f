import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { LIST_ORDER, selectConversationSummaries } from "@/db/queries/conversation-summaries";
import { selectConversationSearch, selectMatchedMessages, type MatchedMessage } from "@/db/queries/conversation-search";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, requireAccountAccess } from "@/lib/accounts/access";
import { conversationVisibilitySql } from "@/lib/accounts/conversation-visibility";
import { parseInput } from "@/lib/api/validation";
import { CONVERSATIONS_PER_PAGE } from "@/lib/conversations/list-conversations";
import type { ConversationListMeta, ConversationSummary } from "@/lib/conversations/types";
import { searchTerms } from "./terms";

export type { MatchedMessage };

export const MAX_SEARCH_QUERY = 200;
/** 1,000 results: deeper is a job for more words, not for paging (each page walks further). */
export const MAX_SEARCH_PAGE = 40;

export const searchConversationsInput = z.object({
  q: z.string().trim().min(1, "Type something to search for").max(MAX_SEARCH_QUERY),
  /** Chatwoot's API searches open conversations unless told otherwise; the app searches all. */
  status: z.enum(["open", "pending", "resolved", "snoozed", "all"]).default("all"),
  assigneeType: z.enum(["me", "unassigned", "all", "assigned"]).default("all"),
  page: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(1),
});
export type SearchConversationsInput = z.input<typeof searchConversationsInput>;

export type ConversationSearchHit = ConversationSummary & {
  /** The newest message holding every term, when the match is in the text (else null). */
  match: MatchedMessage | null;
};

export type ConversationSearchResult = {
  conversations: ConversationSearchHit[];
  meta: ConversationListMeta;
  /** The search stopped early (a common word): the counts are "at least". */
  capped: boolean;
  /** The words the query was split into, for highlighting (prefixes: "prin" marks "printer"). */
  terms: string[];
  page: number;
};

/** "#42" or "42": a conversation number. */
export function displayIdOf(q: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Conversations matching `q` in the inboxes the actor sees (db/queries/conversation-search.ts),
 * newest activity first, 25 a page, with the Mine / Unassigned / All counts of the matches.
 */
export async function searchConversations(db: DbOrTx, actor: Actor, accountId: number, params: SearchConversationsInput): Promise<ConversationSearchResult> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(searchConversationsInput, params);
  const terms = searchTerms(input.q);
  const empty = { conversations: [], meta: { mineCount: 0, unassignedCount: 0, allCount: 0 }, capped: false, terms, page: input.page };
  const inboxIds = await accessibleInboxIds(db, access);
  if (inboxIds !== "all" && inboxIds.length === 0) return empty;

  const status = input.status === "all" ? null : input.status;
  const { candidates, capped } = await selectConversationSearch(
    db,
    { accountId, inboxIds, status, narrowed: conversationVisibilitySql(access, sql.raw("c")) },
    input.q,
    displayIdOf(input.q),
    input.page * CONVERSATIONS_PER_PAGE,
  );
  const me = access.userId;
  const meta: ConversationListMeta = {
    mineCount: me === null ? 0 : candidates.filter((c) => c.assigneeId === me).length,
    unassignedCount: candidates.filter((c) => c.assigneeId === null).length,
    allCount: candidates.length,
  };
  const tab = candidates.filter((c) =>
    input.assigneeType === "me"
      ? me !== null && c.assigneeId === me
      : input.assigneeType === "unassigned"
        ? c.assigneeId === null
        : input.assigneeType === "assigned"
          ? c.assigneeId !== null
          : true,
  );
  const ids = tab.slice((input.page - 1) * CONVERSATIONS_PER_PAGE, input.page * CONVERSATIONS_PER_PAGE).map((c) => c.id);
  if (ids.length === 0) return { ...empty, meta, capped };

  const [rows, matches] = await Promise.all([
    selectConversationSummaries(db, accountId, inArray(conversations.id, ids), LIST_ORDER),
    selectMatchedMessages(db, accountId, ids, input.q),
  ]);
  const byConversation = new Map(matches.map((m) => [m.conversationId, m]));
  return {
    conversations: rows.map((c) => ({ ...c, match: byConversation.get(c.id) ?? null })),
    meta,
    capped,
    terms,
    page: input.page,
  };
}
