"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Select } from "@/components/ui/field";
import { capitalize } from "@/components/format";
import { DEFAULT_LIST_SORT, listQueryString, SORT_OPTIONS, STATUSES, type ListQuery } from "./list-query";

/**
 * Status and inbox filters. Changing one navigates (the list is rendered on the server), going
 * back to the first page. The inbox filter uses Chatwoot's /inbox/{id} path.
 */
export function ListFilters({
  accountId,
  query,
  inboxId,
  inboxes,
}: {
  accountId: number;
  query: ListQuery;
  inboxId?: number;
  inboxes: { id: number; name: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (next: { status?: ListQuery["status"]; inboxId?: number | null; sortBy?: ListQuery["sortBy"] }) => {
    const target = next.inboxId === undefined ? inboxId : (next.inboxId ?? undefined);
    const path = target ? `/app/accounts/${accountId}/inbox/${target}` : `/app/accounts/${accountId}/conversations`;
    // Label, team and priority filters stay (components/labels/list-organize-filters.tsx).
    const qs = listQueryString({
      status: next.status ?? query.status,
      assigneeType: query.assigneeType,
      sortBy: "sortBy" in next ? next.sortBy : query.sortBy,
      labels: query.labels,
      teamId: query.teamId,
      myTeams: query.myTeams,
      priority: query.priority,
    });
    startTransition(() => router.push(path + qs));
  };
  return (
    <div className="flex gap-2" aria-busy={pending}>
      <div className="min-w-0 flex-1">
        <label htmlFor="status-filter" className="sr-only">
          Status
        </label>
        <Select id="status-filter" value={query.status} onChange={(e) => go({ status: e.target.value as ListQuery["status"] })} className="h-8 text-xs">
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {/* Pending conversations are the agent bots' until they hand over (docs/integrations.md). */}
              {s === "all" ? "All statuses" : s === "pending" ? "Pending (bot)" : capitalize(s)}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-0 flex-1">
        <label htmlFor="inbox-filter" className="sr-only">
          Inbox
        </label>
        <Select
          id="inbox-filter"
          value={inboxId ? String(inboxId) : ""}
          onChange={(e) => go({ inboxId: e.target.value ? Number(e.target.value) : null })}
          className="h-8 text-xs"
        >
          <option value="">All inboxes</option>
          {inboxes.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-0 flex-1">
        <label htmlFor="sort-filter" className="sr-only">
          Sort
        </label>
        <Select id="sort-filter" value={query.sortBy ?? DEFAULT_LIST_SORT} onChange={(e) => go({ sortBy: e.target.value as ListQuery["sortBy"] })} className="h-8 text-xs">
          {SORT_OPTIONS.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
