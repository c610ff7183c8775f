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

/** Whose figures a report shows (lib/reports' ReportType) and the one picked. */
export type ReportScope = { type: "account" | "agent" | "inbox" | "team" | "label"; id?: number };

/**
 * A metric's figure for a scope and a span of time (the period, or one chart bucket): the
 * reports' own list of the conversations whose events make it (reports/conversations), since the
 * list's filters cannot say "whose first response fell in this week". Instants as unix seconds.
 */
export function metricConversationsHref(
  accountId: number,
  what: { metric: string; scope: ReportScope; businessHours: boolean; since: Date; until: Date },
): string {
  const q = new URLSearchParams({ metric: what.metric, type: what.scope.type });
  if (what.scope.id !== undefined) q.set("id", String(what.scope.id));
  q.set("from", String(Math.floor(what.since.getTime() / 1000)));
  q.set("to", String(Math.floor(what.until.getTime() / 1000)));
  if (what.businessHours) q.set("business_hours", "true");
  return `/app/accounts/${accountId}/reports/conversations?${q.toString()}`;
}
