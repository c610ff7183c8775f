"use client";

import { Filter } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createContactViewAction } from "@/app/_server/actions/contacts";
import { deleteViewAction } from "@/app/_server/actions/list-tools";
import { FilterBuilder } from "@/components/conversations/filter-builder";
import { encodeFilter, toPayload, type FilterItem } from "@/components/conversations/filter-url";
import { FilterRefused, ViewNameForm } from "@/components/conversations/view-name-form";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { CONTACT_BUILDER_ATTRIBUTES, FIRST_CONTACT_CONDITION } from "./contact-filter-attributes";

type Mode = "closed" | "building" | "saving";

/** The contacts list's URL for a filter (`?filter=`, as the conversation list spells it) or a saved view (`?view=`). */
export const contactsHref = (accountId: number, target: { filter?: readonly FilterItem[]; viewId?: number } = {}) => {
  const params = new URLSearchParams();
  if (target.viewId) params.set("view", String(target.viewId));
  if (target.filter && target.filter.length > 0) params.set("filter", encodeFilter(target.filter));
  const qs = params.toString();
  return `/app/accounts/${accountId}/contacts${qs ? `?${qs}` : ""}`;
};

/**
 * The contacts list's filter (Chatwoot's `POST /contacts/filter` conditions): "Filter" opens the
 * builder; under a filter, "Save as view" keeps it as a saved view (a custom_filter of type
 * contact, the agent's own) listed beside the list; on a view, "Delete view".
 */
export function ContactsFilterBar({
  accountId,
  filter,
  view,
  filterError,
}: {
  accountId: number;
  filter: FilterItem[] | undefined;
  view: { id: number; name: string } | null;
  filterError: string | null;
}) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const [mode, setMode] = useState<Mode>("closed");
  const [name, setName] = useState("");
  const create = useAction(createContactViewAction);
  const remove = useAction(deleteViewAction);
  const go = (href: string) => startTransition(() => router.push(href));
  const error = create.error ?? remove.error;

  if (mode === "building") {
    return (
      <FilterBuilder
        accountId={accountId}
        inboxes={[]}
        meId={0}
        label="Filter contacts"
        attributes={CONTACT_BUILDER_ATTRIBUTES}
        firstCondition={FIRST_CONTACT_CONDITION}
        initial={filter ?? []}
        onApply={(items) => {
          setMode("closed");
          go(contactsHref(accountId, { filter: items }));
        }}
        onCancel={() => setMode("closed")}
      />
    );
  }
  return (
    <div className="space-y-2" aria-busy={navigating}>
      <FilterRefused reason={filterError} />
      {mode === "saving" ? (
        <ViewNameForm
          label="Save view"
          name={name}
          onName={setName}
          pending={create.pending}
          className="w-56"
          onSubmit={() =>
            create.run({ accountId, name, payload: toPayload(filter ?? []) }, (v) => {
              setMode("closed");
              go(contactsHref(accountId, { viewId: v.id }));
            })
          }
          onCancel={() => setMode("closed")}
        />
      ) : (
        <div className="flex flex-wrap items-center gap-1.5">
          <Button variant="secondary" size="sm" onClick={() => setMode("building")}>
            <Filter className="size-3.5" aria-hidden="true" />
            {filter ? "Edit filter" : "Filter"}
          </Button>
          {filter ? (
            <>
              <span className="text-xs text-slate-500">{filter.length === 1 ? "1 condition" : `${filter.length} conditions`}</span>
              {view ? null : (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    setName("");
                    setMode("saving");
                  }}
                >
                  Save as view
                </Button>
              )}
              {view ? (
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={remove.pending}
                  onClick={() => {
                    if (window.confirm(`Delete the view "${view.name}"?`)) remove.run({ accountId, viewId: view.id }, () => go(contactsHref(accountId)));
                  }}
                >
                  Delete view
                </Button>
              ) : null}
              <Button variant="ghost" size="sm" onClick={() => go(contactsHref(accountId))}>
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
