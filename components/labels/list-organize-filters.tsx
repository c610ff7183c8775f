"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { listQueryString, type ListQuery } from "@/components/conversations/list-query";
import { Select } from "@/components/ui/field";
import { useOrganize } from "./organize-context";

/**
 * Label, team and priority filters under the status and inbox ones. Each navigates (the list is
 * rendered on the server) to the first page, keeping the other filters.
 */
export function ListOrganizeFilters({ path, query }: { path: string; query: ListQuery }) {
  const organize = useOrganize();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (next: Partial<ListQuery>) => startTransition(() => router.push(path + listQueryString({ ...query, page: 1, ...next })));
  const teamValue = query.myTeams ? "mine" : query.teamId ? String(query.teamId) : "";
  return (
    <div className="flex gap-2" aria-busy={pending}>
      <div className="min-w-0 flex-1">
        <label htmlFor="label-filter" className="sr-only">
          Label
        </label>
        <Select id="label-filter" className="h-8 text-xs" value={query.labels?.[0] ?? ""} onChange={(e) => go({ labels: e.target.value ? [e.target.value] : undefined })}>
          <option value="">All labels</option>
          {(organize?.labels ?? []).map((l) => (
            <option key={l.id} value={l.title}>
              {l.title}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-0 flex-1">
        <label htmlFor="team-filter" className="sr-only">
          Team
        </label>
        <Select
          id="team-filter"
          className="h-8 text-xs"
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
      </div>
      <div className="min-w-0 flex-1">
        <label htmlFor="priority-filter" className="sr-only">
          Priority
        </label>
        <Select id="priority-filter" className="h-8 text-xs" value={query.priority?.[0] ?? ""} onChange={(e) => go({ priority: e.target.value ? [e.target.value as NonNullable<ListQuery["priority"]>[number]] : undefined })}>
          <option value="">Any priority</option>
          <option value="urgent">Urgent</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
          <option value="none">No priority</option>
        </Select>
      </div>
    </div>
  );
}
