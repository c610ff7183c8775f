"use client";

import { clsx } from "clsx";
import type { ConversationListMeta } from "@/lib/conversations/types";
import { useTabCounts } from "@/components/realtime/live-counts";
import { useLinkNavigation } from "@/components/ui/link-navigation";
import { encodeFilter } from "./filter-url";
import { activeFilter, listHref, type ListLocation } from "./list-location";
import { LIST_PAGE_SIZE } from "./list-patch";
import type { AssigneeType, ListQuery } from "./list-query";

const tabs: { type: AssigneeType; label: string; count: keyof ConversationListMeta }[] = [
  { type: "me", label: "Mine", count: "mineCount" },
  { type: "unassigned", label: "Unassigned", count: "unassignedCount" },
  { type: "all", label: "All", count: "allCount" },
];

/** The tab counts, live: under an advanced filter (the URL's or the view's) those of its match, as the render's. */
export function useListCounts(location: ListLocation, query: ListQuery, meta: ConversationListMeta): ConversationListMeta {
  const filter = activeFilter(location, query);
  return useTabCounts({ status: query.status, inboxId: location.inboxId, filter: filter ? encodeFilter(filter) : undefined }, meta);
}

/** Mine / Unassigned / All with their counts: rendered by the server, then kept current by live events. */
export function ConversationTabs({ location, query, meta }: { location: ListLocation; query: ListQuery; meta: ConversationListMeta }) {
  const counts = useListCounts(location, query, meta);
  // Plain links (no prefetch of every tab's page on each load), followed in the page on a plain click.
  const navigate = useLinkNavigation();
  return (
    <div role="tablist" aria-label="Conversation tabs" className="-mb-px flex gap-4" onClick={navigate}>
      {tabs.map((t) => {
        const selected = t.type === query.assigneeType;
        return (
          <a
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
            <span className={clsx("rounded-full px-1.5 text-xs", selected ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600")}>{counts[t.count]}</span>
          </a>
        );
      })}
    </div>
  );
}

/** Previous / Page n of m / Next, from the selected tab's live count. */
export function ListPages({ location, query, meta }: { location: ListLocation; query: ListQuery; meta: ConversationListMeta }) {
  const counts = useListCounts(location, query, meta);
  const tabTotal = counts[tabs.find((t) => t.type === query.assigneeType)?.count ?? "allCount"];
  const pages = Math.max(1, Math.ceil(tabTotal / LIST_PAGE_SIZE));
  const navigate = useLinkNavigation();
  if (pages <= 1 && query.page <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-200 px-4 py-2 text-sm" onClick={navigate}>
      {query.page > 1 ? (
        <a href={listHref(location, { ...query, page: query.page - 1 })} className="font-medium text-brand-600 hover:underline">
          Previous
        </a>
      ) : (
        <span className="text-slate-300">Previous</span>
      )}
      <span className="text-xs text-slate-500">
        Page {query.page} of {pages}
      </span>
      {query.page < pages ? (
        <a href={listHref(location, { ...query, page: query.page + 1 })} className="font-medium text-brand-600 hover:underline">
          Next
        </a>
      ) : (
        <span className="text-slate-300">Next</span>
      )}
    </nav>
  );
}
