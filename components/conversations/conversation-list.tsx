import { clsx } from "clsx";
import Link from "next/link";
import type { ConversationListMeta, ConversationSummary } from "@/lib/conversations/types";
import { EmptyState } from "@/components/ui/card";
import { ListFilters } from "./list-filters";
import { BulkActionBar } from "./bulk-action-bar";
import { BulkSelectionProvider } from "./bulk-selection";
import { FilterBar } from "./filter-bar";
import { activeFilter, listHref, type ListLocation } from "./list-location";
import { ConversationTabs, ListPages } from "./conversation-tabs";
import { listQueryString, type ListQuery } from "./list-query";
import { LiveConversationRows } from "./live-conversation-rows";
import { rowPayload } from "./row-payload";

export { conversationHref, type ListLocation } from "./list-location";

/** The conversation list: tabs with counts, filters, rows newest first, pagination. */
export function ConversationList({
  title,
  location,
  query,
  conversations,
  meta,
  inboxes,
  selectedDisplayId,
  meId,
  isAdmin,
  filterError = null,
  className,
}: {
  title: string;
  location: ListLocation;
  query: ListQuery;
  conversations: ConversationSummary[];
  meta: ConversationListMeta;
  inboxes: { id: number; name: string }[];
  selectedDisplayId?: number;
  /** The signed-in user, for the Mine tab when rows are patched from live events. */
  meId: number;
  isAdmin: boolean;
  /** Why the advanced filter in the URL was refused (filter-bar.tsx shows it). */
  filterError?: string | null;
  className?: string;
}) {
  const renderedAt = Date.now();
  const filter = activeFilter(location, query);
  return (
    <BulkSelectionProvider>
    <section aria-labelledby="conversation-list-heading" className={clsx("flex min-h-0 flex-col border-r border-slate-200 bg-white", className)}>
      <div className="space-y-3 border-b border-slate-200 px-4 pt-4">
        <h1 id="conversation-list-heading" className="truncate text-base font-semibold text-slate-900">
          {location.view ? location.view.name : title}
        </h1>
        <ListFilters accountId={location.accountId} query={query} inboxId={location.inboxId} inboxes={inboxes} basePath={listHref(location, {}).split("?")[0]} isFiltered={filter !== undefined} />
        <FilterBar location={location} query={query} inboxes={inboxes} meId={meId} filterError={filterError} />
        <ConversationTabs location={location} query={query} meta={meta} />
      </div>
      <BulkActionBar
        location={location}
        query={query}
        meta={meta}
        list={filter ? { filter, assigneeType: query.assigneeType, meId } : { quick: query, inboxId: location.inboxId, assigneeType: query.assigneeType, meId }}
      />
      <div role="tabpanel" aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto">
        <LiveConversationRows
          key={`${location.view?.id ?? ""}${listQueryString({ ...query, inboxId: location.inboxId })}`}
          location={location}
          query={query}
          meId={meId}
          rows={conversations.map(rowPayload)}
          renderedAt={renderedAt}
          selectedDisplayId={selectedDisplayId}
          empty={
            inboxes.length === 0 ? (
            <EmptyState title="No inboxes yet">
              {isAdmin ? (
                <>
                  Conversations arrive through inboxes.{" "}
                  <Link href={`/app/accounts/${location.accountId}/settings/inboxes`} className="text-brand-600 hover:underline">
                    Create an inbox
                  </Link>
                </>
              ) : (
                "You are not a member of any inbox yet. Ask an administrator to add you."
              )}
            </EmptyState>
          ) : (
            <EmptyState title="No conversations here">
              {query.assigneeType === "me" ? "Nothing is assigned to you with these filters." : "Try another status or inbox."}
            </EmptyState>
          )
          }
        />
      </div>
      <ListPages location={location} query={query} meta={meta} />
    </section>
    </BulkSelectionProvider>
  );
}
