import { clsx } from "clsx";
import Link from "next/link";
import type { ConversationListMeta, ConversationSummary } from "@/lib/conversations/types";
import { EmptyState } from "@/components/ui/card";
import { ListFilters } from "./list-filters";
import { listHref, type ListLocation } from "./list-location";
import { LIST_PAGE_SIZE } from "./list-patch";
import { listQueryString, type AssigneeType, type ListQuery } from "./list-query";
import { LiveConversationRows } from "./live-conversation-rows";

export { conversationHref, type ListLocation } from "./list-location";

const tabs: { type: AssigneeType; label: string; count: keyof ConversationListMeta }[] = [
  { type: "me", label: "Mine", count: "mineCount" },
  { type: "unassigned", label: "Unassigned", count: "unassignedCount" },
  { type: "all", label: "All", count: "allCount" },
];

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
  className?: string;
}) {
  const renderedAt = Date.now();
  const tabTotal = meta[tabs.find((t) => t.type === query.assigneeType)?.count ?? "allCount"];
  const pages = Math.max(1, Math.ceil(tabTotal / LIST_PAGE_SIZE));
  return (
    <section aria-labelledby="conversation-list-heading" className={clsx("flex min-h-0 flex-col border-r border-slate-200 bg-white", className)}>
      <div className="space-y-3 border-b border-slate-200 px-4 pt-4">
        <h1 id="conversation-list-heading" className="truncate text-base font-semibold text-slate-900">
          {title}
        </h1>
        <ListFilters accountId={location.accountId} query={query} inboxId={location.inboxId} inboxes={inboxes} />
        <div role="tablist" aria-label="Conversation tabs" className="-mb-px flex gap-4">
          {tabs.map((t) => {
            const selected = t.type === query.assigneeType;
            return (
              <Link
                key={t.type}
                role="tab"
                aria-selected={selected}
                href={listHref(location, { ...query, assigneeType: t.type, page: 1 })}
                className={clsx(
                  "flex items-center gap-1.5 border-b-2 pb-2 text-sm font-medium",
                  selected ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800",
                )}
              >
                {t.label}
                <span className={clsx("rounded-full px-1.5 text-xs", selected ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600")}>
                  {meta[t.count]}
                </span>
              </Link>
            );
          })}
        </div>
      </div>
      <div role="tabpanel" aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto">
        <LiveConversationRows
          key={listQueryString({ ...query, inboxId: location.inboxId })}
          location={location}
          query={query}
          meId={meId}
          // The rows never show attributes (email headers can be large): left out of the page's payload.
          rows={conversations.map((c) => ({ ...c, additionalAttributes: {}, customAttributes: {} }))}
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
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-200 px-4 py-2 text-sm">
          {query.page > 1 ? (
            <Link href={listHref(location, { ...query, page: query.page - 1 })} className="font-medium text-brand-600 hover:underline">
              Previous
            </Link>
          ) : (
            <span className="text-slate-300">Previous</span>
          )}
          <span className="text-xs text-slate-500">
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? (
            <Link href={listHref(location, { ...query, page: query.page + 1 })} className="font-medium text-brand-600 hover:underline">
              Next
            </Link>
          ) : (
            <span className="text-slate-300">Next</span>
          )}
        </nav>
      ) : null}
    </section>
  );
}
