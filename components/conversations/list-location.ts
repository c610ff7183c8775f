import type { FilterItem } from "./filter-url";
import { listQueryString, type ListQuery } from "./list-query";

export type ListLocation = {
  accountId: number;
  /** Set on /inbox/{id} pages and with ?inbox_id=. */
  inboxId?: number;
  /** Whether the inbox comes from the path (/inbox/{id}) rather than the query string. */
  inboxInPath: boolean;
  /** On /custom_view/{id}: the saved view, whose conditions filter the list unless the URL has an edited filter. */
  view?: { id: number; name: string; filter: FilterItem[] };
};

/** The filter the list shows: the URL's, else the open view's. */
export const activeFilter = (loc: ListLocation, q: ListQuery): FilterItem[] | undefined => q.filter ?? loc.view?.filter;

function basePath(loc: ListLocation): string {
  if (loc.view) return `/app/accounts/${loc.accountId}/custom_view/${loc.view.id}`;
  return loc.inboxInPath && loc.inboxId
    ? `/app/accounts/${loc.accountId}/inbox/${loc.inboxId}`
    : `/app/accounts/${loc.accountId}/conversations`;
}

/** Href of a list state (tab, status, page) at this location. */
export function listHref(loc: ListLocation, q: Partial<ListQuery>): string {
  return basePath(loc) + listQueryString({ ...q, inboxId: loc.inboxInPath ? undefined : loc.inboxId });
}

export function conversationHref(loc: ListLocation, q: ListQuery, displayId: number): string {
  const path = loc.view || (loc.inboxInPath && loc.inboxId) ? `${basePath(loc)}/conversations/${displayId}` : `/app/accounts/${loc.accountId}/conversations/${displayId}`;
  return path + listQueryString({ ...q, inboxId: loc.inboxInPath ? undefined : loc.inboxId });
}

/** `conversationHref` for many rows of one list: the query string is built once. */
export function conversationHrefs(loc: ListLocation, q: ListQuery): (displayId: number) => string {
  const base = loc.view || (loc.inboxInPath && loc.inboxId) ? `${basePath(loc)}/conversations/` : `/app/accounts/${loc.accountId}/conversations/`;
  const qs = listQueryString({ ...q, inboxId: loc.inboxInPath ? undefined : loc.inboxId });
  return (displayId) => `${base}${displayId}${qs}`;
}
