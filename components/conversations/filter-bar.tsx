"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createViewAction, deleteViewAction, updateViewAction } from "@/app/_server/actions/list-tools";
import { Button } from "@/components/ui/button";
import { FunnelIcon } from "@/components/ui/header-icons";
import { useAction } from "@/components/use-action";
import { itemsFromQuickFilters } from "./filter-attributes";
import { FilterBuilder } from "./filter-builder";
import { toPayload, type FilterItem } from "./filter-url";
import { activeFilter, type ListLocation } from "./list-location";
import { listQueryString, type ListQuery } from "./list-query";
import { FilterRefused, ViewNameForm } from "./view-name-form";

type Mode = "closed" | "building" | "saving" | "renaming";

/**
 * The advanced filter's controls under the quick filters: "Filter" opens the builder; under a
 * filter, its summary with Edit, Clear and "Save as view"; on a saved view (/custom_view/{id})
 * also Update (after an edit), Rename and Delete. Views are the agent's own (custom_filters).
 */
export function FilterBar({
  location,
  query,
  inboxes,
  meId,
  filterError,
}: {
  location: ListLocation;
  query: ListQuery;
  inboxes: { id: number; name: string }[];
  meId: number;
  /** The domain's reason for refusing the URL's filter. */
  filterError: string | null;
}) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const [mode, setMode] = useState<Mode>("closed");
  const [name, setName] = useState("");
  const create = useAction(createViewAction);
  const update = useAction(updateViewAction);
  const remove = useAction(deleteViewAction);
  const { accountId, view } = location;
  const filter = activeFilter(location, query);
  const listPath = `/app/accounts/${accountId}/conversations`;
  const keep = { assigneeType: query.assigneeType, sortBy: query.sortBy };
  const go = (href: string) => startTransition(() => router.push(href));
  const apply = (items: FilterItem[]) => {
    setMode("closed");
    go((view ? `/app/accounts/${accountId}/custom_view/${view.id}` : listPath) + listQueryString({ ...keep, filter: items }));
  };
  const error = create.error ?? update.error ?? remove.error;

  if (mode === "building") {
    return <FilterBuilder accountId={accountId} inboxes={inboxes} meId={meId} initial={filter ?? itemsFromQuickFilters(query, location.inboxId)} onApply={apply} onCancel={() => setMode("closed")} />;
  }
  const nameForm = (label: string, submit: () => void) => (
    <ViewNameForm label={label} name={name} onName={setName} pending={create.pending || update.pending} onSubmit={submit} onCancel={() => setMode("closed")} />
  );
  return (
    <div className="space-y-2" aria-busy={navigating}>
      <FilterRefused reason={filterError} />
      {mode === "saving"
        ? nameForm("Save view", () =>
            create.run({ accountId, name, payload: toPayload(filter ?? []) }, (v) => {
              setMode("closed");
              go(`/app/accounts/${accountId}/custom_view/${v.id}` + listQueryString({ assigneeType: query.assigneeType, sortBy: query.sortBy }));
            }),
          )
        : mode === "renaming" && view
          ? nameForm("Save name", () => update.run({ accountId, viewId: view.id, name }, () => setMode("closed")))
          : (
            <div className="flex flex-wrap items-center gap-1.5">
              <Button variant="secondary" size="sm" onClick={() => setMode("building")}>
                <FunnelIcon className="size-3.5" aria-hidden="true" />
                {filter ? "Edit filter" : "Filter"}
              </Button>
              {filter ? (
                <>
                  <span className="text-xs text-slate-500" data-testid="filter-summary">
                    {filter.length === 1 ? "1 condition" : `${filter.length} conditions`}
                  </span>
                  {!view || query.filter ? (
                    <Button variant="ghost" size="sm" onClick={() => { setName(""); setMode("saving"); }}>
                      {view ? "Save as new view" : "Save as view"}
                    </Button>
                  ) : null}
                  {view && query.filter ? (
                    <Button variant="ghost" size="sm" disabled={update.pending} onClick={() => update.run({ accountId, viewId: view.id, payload: toPayload(query.filter ?? []) }, () => go(`/app/accounts/${accountId}/custom_view/${view.id}` + listQueryString({ assigneeType: query.assigneeType, sortBy: query.sortBy })))}>
                      Update view
                    </Button>
                  ) : null}
                  {view ? (
                    <>
                      <Button variant="ghost" size="sm" onClick={() => { setName(view.name); setMode("renaming"); }}>
                        Rename view
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={remove.pending}
                        onClick={() => {
                          if (window.confirm(`Delete the view "${view.name}"?`)) remove.run({ accountId, viewId: view.id }, () => go(listPath + listQueryString({ assigneeType: query.assigneeType })));
                        }}
                      >
                        Delete view
                      </Button>
                    </>
                  ) : null}
                  <Button variant="ghost" size="sm" onClick={() => go(listPath + listQueryString({ assigneeType: query.assigneeType, sortBy: query.sortBy }))}>
                    Clear filter
                  </Button>
                </>
              ) : null}
            </div>
          )}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
