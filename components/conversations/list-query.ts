import { decodeFilter, encodeFilter, type FilterItem } from "./filter-url";

/**
 * The conversation list's filters live in the URL so links, reloads and the back button keep
 * them. Query names follow Chatwoot's API (status, assignee_type, inbox_id, sort_by, page).
 */
export const STATUSES = ["open", "pending", "resolved", "snoozed", "all"] as const;
export const ASSIGNEE_TYPES = ["me", "unassigned", "all"] as const;

/** The list's sort orders (Chatwoot's sort_by keys, lib/conversations/filter/sort.ts), as the menu shows them. */
export const SORT_OPTIONS = [
  ["last_activity_at_desc", "Newest activity"],
  ["last_activity_at_asc", "Oldest activity"],
  ["created_at_desc", "Newest created"],
  ["created_at_asc", "Oldest created"],
  ["priority_desc", "Highest priority"],
  ["waiting_since_asc", "Waiting longest"],
] as const;
export type ListSort = (typeof SORT_OPTIONS)[number][0];
export const DEFAULT_LIST_SORT: ListSort = "last_activity_at_desc";

export type ListStatus = (typeof STATUSES)[number];
export type AssigneeType = (typeof ASSIGNEE_TYPES)[number];

export type ListQuery = {
  status: ListStatus;
  assigneeType: AssigneeType;
  /** Set when filtering by inbox through ?inbox_id= (the /inbox/{id} path carries it instead). */
  inboxId?: number;
  /** Absent: newest activity first. */
  sortBy?: ListSort;
  page: number;
  /** ?labels=a,b (or repeated): conversations with any of these labels. */
  labels?: string[];
  /** ?team_id=: one team's conversations; ?my_teams=1: the caller's teams'. */
  teamId?: number;
  myTeams?: boolean;
  /** ?priority=urgent,high ("none": no priority). */
  priority?: Priority[];
  /**
   * ?filter=: the advanced filter (filter-url.ts). When set, the list is its match (status is one
   * of its conditions) and the quick filters above, other than the tab and sort, are not used.
   */
  filter?: FilterItem[];
  /** ?conversation_type=mention: where I was @mentioned (the Mentions view); participating: which I follow. */
  conversationType?: ConversationTypeView;
};

export const CONVERSATION_TYPE_VIEWS = ["mention", "participating"] as const;
export type ConversationTypeView = (typeof CONVERSATION_TYPE_VIEWS)[number];

export const PRIORITIES = ["urgent", "high", "medium", "low", "none"] as const;
export type Priority = (typeof PRIORITIES)[number];

export function parseListQuery(params: Record<string, string | string[] | undefined>): ListQuery {
  const one = (name: string) => {
    const v = params[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const status = STATUSES.find((s) => s === one("status")) ?? "open";
  const assigneeType = ASSIGNEE_TYPES.find((s) => s === one("assignee_type")) ?? "me";
  // Digits only: Number() would also take "1e3", " 7" or "0x10".
  const integer = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : NaN);
  const inbox = integer(one("inbox_id"));
  const page = integer(one("page"));
  const team = integer(one("team_id"));
  const list = (name: string) => {
    const v = params[name];
    return (Array.isArray(v) ? v : v ? [v] : []).flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean);
  };
  const labels = list("labels").slice(0, 20);
  const priority = list("priority").filter((p): p is Priority => (PRIORITIES as readonly string[]).includes(p));
  const filter = decodeFilter(one("filter"));
  const sort = SORT_OPTIONS.find(([key]) => key === one("sort_by"))?.[0];
  const conversationType = CONVERSATION_TYPE_VIEWS.find((t) => t === one("conversation_type"));
  return {
    status,
    assigneeType,
    inboxId: Number.isSafeInteger(inbox) && inbox > 0 ? inbox : undefined,
    ...(sort && sort !== DEFAULT_LIST_SORT ? { sortBy: sort } : {}),
    page: Number.isSafeInteger(page) && page > 1 && page <= 400 ? page : 1,
    ...(labels.length > 0 ? { labels } : {}),
    ...(Number.isSafeInteger(team) && team > 0 ? { teamId: team } : {}),
    ...(one("my_teams") === "1" ? { myTeams: true } : {}),
    ...(priority.length > 0 ? { priority } : {}),
    ...(filter ? { filter } : {}),
    ...(conversationType ? { conversationType } : {}),
  };
}

/** The query string for a list state; defaults are left out to keep URLs short. */
export function listQueryString(q: Partial<ListQuery>): string {
  const params = new URLSearchParams();
  if (q.status && q.status !== "open") params.set("status", q.status);
  if (q.assigneeType && q.assigneeType !== "me") params.set("assignee_type", q.assigneeType);
  if (q.inboxId) params.set("inbox_id", String(q.inboxId));
  if (q.labels?.length) params.set("labels", q.labels.join(","));
  if (q.teamId) params.set("team_id", String(q.teamId));
  if (q.myTeams) params.set("my_teams", "1");
  if (q.priority?.length) params.set("priority", q.priority.join(","));
  if (q.filter?.length) params.set("filter", encodeFilter(q.filter));
  if (q.conversationType) params.set("conversation_type", q.conversationType);
  if (q.sortBy && q.sortBy !== DEFAULT_LIST_SORT) params.set("sort_by", q.sortBy);
  if (q.page && q.page > 1) params.set("page", String(q.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}
