"use client";

import { useRouter } from "next/navigation";
import { useTransition, type ReactNode } from "react";
import { Select } from "@/components/ui/field";
import { capitalize } from "@/components/format";
import { useOrganize } from "@/components/labels/organize-context";
import { DEFAULT_LIST_SORT, listQueryString, SORT_OPTIONS, STATUSES, type ListQuery } from "./list-query";

const control = "h-8 text-xs";

function Labeled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="min-w-0 flex-1 basis-[30%]">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * The list's quick filters — status, inbox, sort, label, team, priority — in one bar. Changing
 * one navigates (the list is rendered on the server) to the first page, keeping the others. The
 * inbox uses Chatwoot's /inbox/{id} path. Under an advanced filter only the sort is shown: the
 * filter's conditions say the rest (filter-bar.tsx).
 */
export function ListFilters({
  accountId,
  query,
  inboxId,
  inboxes,
  basePath,
  isFiltered,
}: {
  accountId: number;
  query: ListQuery;
  inboxId?: number;
  inboxes: { id: number; name: string }[];
  /** Where a changed sort goes under an advanced filter (the view's or the list's path). */
  basePath: string;
  isFiltered: boolean;
}) {
  const organize = useOrganize();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (next: Partial<Omit<ListQuery, "inboxId">> & { inboxId?: number | null }) => {
    const target = next.inboxId === undefined ? inboxId : (next.inboxId ?? undefined);
    const path = isFiltered ? basePath : target ? `/app/accounts/${accountId}/inbox/${target}` : `/app/accounts/${accountId}/conversations`;
    startTransition(() => router.push(path + listQueryString({ ...query, page: 1, ...next, inboxId: undefined })));
  };
  const sort = (
    <Labeled id="sort-filter" label="Sort">
      <Select id="sort-filter" value={query.sortBy ?? DEFAULT_LIST_SORT} onChange={(e) => go({ sortBy: e.target.value as ListQuery["sortBy"] })} className={control}>
        {SORT_OPTIONS.map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </Select>
    </Labeled>
  );
  if (isFiltered) {
    return (
      <div className="flex gap-2" aria-busy={pending}>
        {sort}
      </div>
    );
  }
  const teamValue = query.myTeams ? "mine" : query.teamId ? String(query.teamId) : "";
  return (
    <div className="flex flex-wrap gap-2" aria-busy={pending}>
      <Labeled id="status-filter" label="Status">
        <Select id="status-filter" value={query.status} onChange={(e) => go({ status: e.target.value as ListQuery["status"] })} className={control}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {/* Pending conversations are the agent bots' until they hand over (docs/integrations.md). */}
              {s === "all" ? "All statuses" : s === "pending" ? "Pending (bot)" : capitalize(s)}
            </option>
          ))}
        </Select>
      </Labeled>
      <Labeled id="inbox-filter" label="Inbox">
        <Select id="inbox-filter" value={inboxId ? String(inboxId) : ""} onChange={(e) => go({ inboxId: e.target.value ? Number(e.target.value) : null })} className={control}>
          <option value="">All inboxes</option>
          {inboxes.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </Select>
      </Labeled>
      {sort}
      <Labeled id="label-filter" label="Label">
        <Select id="label-filter" className={control} value={query.labels?.[0] ?? ""} onChange={(e) => go({ labels: e.target.value ? [e.target.value] : undefined })}>
          <option value="">All labels</option>
          {(organize?.labels ?? []).map((l) => (
            <option key={l.id} value={l.title}>
              {l.title}
            </option>
          ))}
        </Select>
      </Labeled>
      <Labeled id="team-filter" label="Team">
        <Select
          id="team-filter"
          className={control}
          value={teamValue}
          onChange={(e) => go(e.target.value === "mine" ? { myTeams: true, teamId: undefined } : { myTeams: undefined, teamId: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">All teams</option>
          <option value="mine">My teams</option>
          {(organize?.teams ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      </Labeled>
      <Labeled id="priority-filter" label="Priority">
        <Select id="priority-filter" className={control} value={query.priority?.[0] ?? ""} onChange={(e) => go({ priority: e.target.value ? [e.target.value as NonNullable<ListQuery["priority"]>[number]] : undefined })}>
          <option value="">Any priority</option>
          <option value="urgent">Urgent</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
          <option value="none">No priority</option>
        </Select>
      </Labeled>
    </div>
  );
}
