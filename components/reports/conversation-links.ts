import { encodeFilter, type FilterItem } from "@/components/conversations/filter-url";

/**
 * Where a report's number leads: the conversation list with the filter that selects exactly the
 * conversations behind it (the list's `?filter=`, components/conversations/filter-url.ts), under
 * the "All" tab so the viewer's own assignment does not narrow it.
 */
export function conversationListHref(accountId: number, conditions: readonly FilterItem[]): string {
  return `/app/accounts/${accountId}/conversations?assignee_type=all&filter=${encodeURIComponent(encodeFilter(conditions))}`;
}

const is = (attribute_key: string, value: string | number): FilterItem => ({ attribute_key, filter_operator: "equal_to", values: [value], query_operator: "and" });
const isNotSet = (attribute_key: string): FilterItem => ({ attribute_key, filter_operator: "is_not_present", values: [], query_operator: "and" });

/** The live view's numbers: conversations in a status now, optionally unassigned or one agent's. */
export function liveConversationsHref(accountId: number, what: { status: "open" | "pending"; unassigned?: boolean; assigneeId?: number }): string {
  const conditions = [is("status", what.status)];
  if (what.unassigned) conditions.push(isNotSet("assignee_id"));
  if (what.assigneeId !== undefined) conditions.push(is("assignee_id", what.assigneeId));
  return conversationListHref(accountId, conditions);
}
