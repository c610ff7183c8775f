"use client";

import Link from "next/link";
import { useEffect, useState, type CSSProperties, type ReactNode, type Ref } from "react";
import { bulkArticlesAction, reorderArticlesAction } from "@/app/_server/actions/help-center";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { SortableList } from "@/components/ui/sortable-list";
import { useAction } from "@/components/use-action";
import { positionsAfterReorder } from "./article-order";

export type ArticleRow = {
  id: number;
  title: string;
  status: "draft" | "published" | "archived";
  locale: string;
  category: string | null;
  author: string | null;
  views: number;
  position: number;
  updatedAt: string;
  translations: string[];
};

const statusTone = { draft: "amber", published: "green", archived: "slate" } as const;

/**
 * The articles of the current filter, with a checkbox each and bulk status / category / delete.
 * Filtered to one category (`reorderable`), administrators drag rows by their handle (or move them
 * with the keyboard) into the order readers see; the new order is saved at once.
 */
export function ArticleTable({
  accountId,
  portalSlug,
  base,
  rows: loaded,
  categories,
  canEdit,
  reorderable,
}: {
  accountId: number;
  portalSlug: string;
  base: string;
  rows: ArticleRow[];
  categories: { id: number; name: string; locale: string }[];
  canEdit: boolean;
  reorderable: boolean;
}) {
  const [rows, setRows] = useState(loaded);
  useEffect(() => setRows(loaded), [loaded]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const bulk = useAction(bulkArticlesAction);
  const reorder = useAction(reorderArticlesAction);
  const sortable = canEdit && reorderable;
  const saveOrder = (next: ArticleRow[]) => {
    const positions = positionsAfterReorder(next);
    setRows(next.map((r) => ({ ...r, position: positions[String(r.id)] })));
    reorder.run({ accountId, portalSlug, positions }, undefined);
  };
  const ids = [...selected].filter((id) => rows.some((r) => r.id === id));
  const done = () => setSelected(new Set());
  const toggle = (id: number) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  return (
    <div>
      {canEdit && ids.length > 0 ? (
        <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm">
          <span className="font-medium">{ids.length} selected</span>
          {(["published", "draft", "archived"] as const).map((status) => (
            <Button key={status} size="sm" variant="secondary" disabled={bulk.pending} onClick={() => bulk.run({ accountId, portalSlug, ids, action: "status", status }, done)}>
              {status === "published" ? "Publish" : status === "draft" ? "Unpublish" : "Archive"}
            </Button>
          ))}
          <label className="flex items-center gap-1">
            <span className="sr-only">Move to category</span>
            <Select
              aria-label="Move to category"
              className="h-8 w-48 text-xs"
              value=""
              disabled={bulk.pending}
              onChange={(e) => {
                const v = e.target.value;
                if (v) bulk.run({ accountId, portalSlug, ids, action: "category", categoryId: v === "none" ? null : Number(v) }, done);
              }}
            >
              <option value="">Move to category…</option>
              <option value="none">No category</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.locale})
                </option>
              ))}
            </Select>
          </label>
          <Button
            size="sm"
            variant="danger"
            disabled={bulk.pending}
            onClick={() => window.confirm(`Delete ${ids.length} article(s)?`) && bulk.run({ accountId, portalSlug, ids, action: "delete" }, done)}
          >
            Delete
          </Button>
        </div>
      ) : null}
      {bulk.error || reorder.error ? <Alert className="m-4">{bulk.error ?? reorder.error}</Alert> : null}
      {canEdit && !reorderable ? <p className="px-4 pt-3 text-xs text-slate-500">To change the order readers see, filter by one category and drag the articles.</p> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              {sortable ? (
                <th scope="col" className="w-8 py-2.5 pl-3">
                  <span className="sr-only">Order</span>
                </th>
              ) : null}
              {canEdit ? (
                <th scope="col" className="w-8 px-4 py-2.5">
                  <input
                    type="checkbox"
                    aria-label="Select all"
                    checked={rows.length > 0 && ids.length === rows.length}
                    onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                  />
                </th>
              ) : null}
              <th scope="col" className="px-4 py-2.5">Title</th>
              <th scope="col" className="px-4 py-2.5">Status</th>
              <th scope="col" className="px-4 py-2.5">Category</th>
              <th scope="col" className="px-4 py-2.5">Author</th>
              <th scope="col" className="px-4 py-2.5 text-right">Views</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sortable ? (
              <SortableList items={rows} name={(r) => r.title} onReorder={saveOrder} disabled={reorder.pending}>
                {(r, row) => <Row key={r.id} r={r} rowRef={row.ref} style={row.style} handle={row.handle} {...{ base, canEdit, selected, toggle }} />}
              </SortableList>
            ) : (
              rows.map((r) => <Row key={r.id} r={r} {...{ base, canEdit, selected, toggle }} />)
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Row({
  r,
  base,
  canEdit,
  selected,
  toggle,
  rowRef,
  style,
  handle,
}: {
  r: ArticleRow;
  base: string;
  canEdit: boolean;
  selected: Set<number>;
  toggle: (id: number) => void;
  rowRef?: Ref<HTMLTableRowElement>;
  style?: CSSProperties;
  handle?: ReactNode;
}) {
  return (
    <tr ref={rowRef} style={style} data-article={r.id}>
      {handle !== undefined ? <td className="py-2.5 pl-3">{handle}</td> : null}
      {canEdit ? (
        <td className="px-4 py-2.5">
          <input type="checkbox" aria-label={`Select ${r.title}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
        </td>
      ) : null}
      <td className="px-4 py-2.5">
        <Link href={`${base}/articles/${r.id}`} className="font-medium text-slate-900 hover:underline">
          {r.title}
        </Link>
        <span className="ml-2 text-xs text-slate-400">
          {r.locale}
          {r.translations.length ? ` · also ${r.translations.join(", ")}` : ""}
        </span>
      </td>
      <td className="px-4 py-2.5">
        <Badge tone={statusTone[r.status]}>{r.status}</Badge>
      </td>
      <td className="px-4 py-2.5 text-slate-600">{r.category ?? "—"}</td>
      <td className="px-4 py-2.5 text-slate-600">{r.author ?? "—"}</td>
      <td className="px-4 py-2.5 text-right text-slate-600 tabular-nums">{r.views}</td>
    </tr>
  );
}
