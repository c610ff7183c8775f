"use client";

import { clsx } from "clsx";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useState, type ReactNode } from "react";

export type SortableColumn = { label: string; numeric?: boolean };
/** `sort`: what the column sorts by (null: no value, always last); `display`: what the cell shows (a link to the conversations, say). */
export type SortableCell = { sort: number | string | null; display: ReactNode };
export type SortableRow = { key: string; cells: SortableCell[] };

type Sort = { column: number; direction: "ascending" | "descending" };

/**
 * A report's table, sortable by any column: each heading is a button (so the keyboard reaches
 * it) in a `<th aria-sort>`, which tells screen readers the order. Rows come rendered from the
 * server; sorting is in the browser. Numbers sort high first on the first press, words A to Z.
 * It is also the chart's text alternative: the same figures as words.
 */
export function SortableTable({ caption, columns, rows, initial }: { caption: string; columns: SortableColumn[]; rows: SortableRow[]; initial?: Sort }) {
  const [sort, setSort] = useState<Sort | null>(initial ?? null);
  const sorted = sort ? [...rows].sort((a, b) => compare(a.cells[sort.column]?.sort ?? null, b.cells[sort.column]?.sort ?? null, sort.direction)) : rows;
  const press = (column: number) =>
    setSort((current) =>
      current?.column === column
        ? { column, direction: current.direction === "ascending" ? "descending" : "ascending" }
        : { column, direction: columns[column]?.numeric ? "descending" : "ascending" },
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">
          <tr>
            {columns.map((column, i) => {
              const direction = sort?.column === i ? sort.direction : undefined;
              const Icon = direction === "ascending" ? ArrowUp : direction === "descending" ? ArrowDown : ArrowUpDown;
              return (
                <th key={column.label} scope="col" aria-sort={direction ?? "none"} className={clsx("px-4 py-2", column.numeric && "text-right")}>
                  <button
                    type="button"
                    onClick={() => press(i)}
                    className={clsx("inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600", column.numeric && "flex-row-reverse")}
                  >
                    {column.label}
                    <Icon aria-hidden="true" className={clsx("size-3.5", direction ? "text-slate-900" : "text-slate-400")} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                // The first column names the row (an agent, an inbox…): its header for screen readers.
                i === 0 ? (
                  <th key={columns[i]?.label ?? i} scope="row" className="px-4 py-2 text-left font-normal whitespace-nowrap">
                    {cell.display}
                  </th>
                ) : (
                  <td key={columns[i]?.label ?? i} className={clsx("px-4 py-2 whitespace-nowrap", columns[i]?.numeric && "text-right tabular-nums")}>
                    {cell.display}
                  </td>
                ),
              )}
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-4 py-3 text-slate-500">
                Nothing in this period.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** Empty values last in either direction; numbers as numbers, words by the reader's collation. */
export function compare(a: number | string | null, b: number | string | null, direction: Sort["direction"]): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
  return direction === "ascending" ? order : -order;
}
