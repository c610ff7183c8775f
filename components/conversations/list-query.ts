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
};

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
  const sort = SORT_OPTIONS.find(([key]) => key === one("sort_by"))?.[0];
  return {
    status,
    assigneeType,
    inboxId: Number.isSafeInteger(inbox) && inbox > 0 ? inbox : undefined,
    ...(sort && sort !== DEFAULT_LIST_SORT ? { sortBy: sort } : {}),
    page: Number.isSafeInteger(page) && page > 1 && page <= 400 ? page : 1,
  };
}

/** The query string for a list state; defaults are left out to keep URLs short. */
export function listQueryString(q: Partial<ListQuery>): string {
  const params = new URLSearchParams();
  if (q.status && q.status !== "open") params.set("status", q.status);
  if (q.assigneeType && q.assigneeType !== "me") params.set("assignee_type", q.assigneeType);
  if (q.inboxId) params.set("inbox_id", String(q.inboxId));
  if (q.sortBy && q.sortBy !== DEFAULT_LIST_SORT) params.set("sort_by", q.sortBy);
  if (q.page && q.page > 1) params.set("page", String(q.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}
