import { sql, type SQL } from "drizzle-orm";

/**
 * The list's sort orders, by Chatwoot's `sort_by` keys. Each is spelled exactly as an index on
 * (account_id, status, …) is built (db/schema/conversations.ts), so one status's page is read by
 * walking that index forwards or backwards and stopping after the page: last activity by
 * conversations_list_idx, created by conversations_created_list_idx, priority by
 * conversations_status_priority_idx, waiting by conversations_waiting_list_idx. Priority's enum
 * is declared urgent → low, so "priority descending" (most urgent first) is the enum ascending.
 */
const ORDERS = {
  last_activity_at_desc: ["last_activity_at desc nulls last", "id desc nulls last"],
  last_activity_at_asc: ["last_activity_at asc nulls first", "id asc nulls first"],
  created_at_desc: ["created_at desc nulls last", "id desc nulls last"],
  created_at_asc: ["created_at asc nulls first", "id asc nulls first"],
  priority_desc: ["priority asc nulls last", "last_activity_at desc nulls last", "id desc nulls last"],
  priority_asc: ["priority desc nulls first", "last_activity_at asc nulls first", "id asc nulls first"],
  // Waiting longest first: the oldest unanswered customer message; conversations not waiting last.
  waiting_since_asc: ["waiting_since asc nulls last", "id asc"],
  waiting_since_desc: ["waiting_since desc nulls first", "id desc"],
} as const satisfies Record<string, readonly string[]>;

export type ConversationSort = keyof typeof ORDERS;
export const CONVERSATION_SORTS = Object.keys(ORDERS) as ConversationSort[];
export const DEFAULT_SORT: ConversationSort = "last_activity_at_desc";

/** Chatwoot's older names for the same orders. */
const ALIASES: Record<string, ConversationSort> = {
  latest: "last_activity_at_desc",
  sort_on_created_at: "created_at_asc",
  sort_on_priority: "priority_desc",
  sort_on_waiting_since: "waiting_since_asc",
};

/** Every key `sort_by` accepts (the rest get a 422). */
export const SORT_KEYS = [...CONVERSATION_SORTS, ...Object.keys(ALIASES)] as [string, ...string[]];

export const resolveSort = (key: string | undefined): ConversationSort =>
  key === undefined ? DEFAULT_SORT : ((ALIASES[key] ?? key) as ConversationSort);

/** `order by …` over the unaliased table (the page) and over the alias `c` (after the joins). */
export function sortClauses(sort: ConversationSort): { inner: SQL; outer: SQL } {
  const terms = ORDERS[sort];
  return {
    inner: sql.raw(`order by ${terms.join(", ")}`),
    outer: sql.raw(`order by ${terms.map((t) => `c.${t}`).join(", ")}`),
  };
}

/** Labels for the list's sort menu. */
export const SORT_LABELS: Record<ConversationSort, string> = {
  last_activity_at_desc: "Last activity: newest first",
  last_activity_at_asc: "Last activity: oldest first",
  created_at_desc: "Created: newest first",
  created_at_asc: "Created: oldest first",
  priority_desc: "Priority: highest first",
  priority_asc: "Priority: lowest first",
  waiting_since_asc: "Waiting longest",
  waiting_since_desc: "Waiting shortest",
};
