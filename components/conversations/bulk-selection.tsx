"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { useShortcut } from "@/components/search/shortcut-events";

/**
 * Which rows of the list are selected for a bulk action: display ids picked one by one (a
 * shift-click picks the range from the last one clicked, in the order on screen), the whole page,
 * or "all matching" (the list's filter, resolved by the server when the action runs).
 */
type Selection = {
  selected: ReadonlySet<number>;
  allMatching: boolean;
  /** The rows on screen, in order (set by the rows as they render). */
  visible: readonly number[];
  setVisible: (ids: readonly number[]) => void;
  toggle: (displayId: number, range: boolean) => void;
  selectPage: () => void;
  selectAllMatching: () => void;
  clear: () => void;
};

const Context = createContext<Selection | null>(null);

export const useBulkSelection = () => useContext(Context);

export function BulkSelectionProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [visible, setVisibleState] = useState<readonly number[]>([]);
  const anchor = useRef<number | null>(null);

  const setVisible = useCallback((ids: readonly number[]) => {
    setVisibleState((current) => (current.length === ids.length && current.every((id, i) => id === ids[i]) ? current : ids));
    // A row that left the list (resolved by a teammate, moved by a filter) is no longer selected.
    setSelected((current) => {
      const kept = [...current].filter((id) => ids.includes(id));
      return kept.length === current.size ? current : new Set(kept);
    });
  }, []);

  const toggle = useCallback(
    (displayId: number, range: boolean) => {
      setAllMatching(false);
      setSelected((current) => {
        const next = new Set(current);
        const from = anchor.current === null ? -1 : visible.indexOf(anchor.current);
        const to = visible.indexOf(displayId);
        if (range && from !== -1 && to !== -1) {
          // The range takes the state of the clicked row's new state, as mail clients do.
          const on = !current.has(displayId);
          for (const id of visible.slice(Math.min(from, to), Math.max(from, to) + 1)) {
            if (on) next.add(id);
            else next.delete(id);
          }
        } else if (next.has(displayId)) next.delete(displayId);
        else next.add(displayId);
        return next;
      });
      anchor.current = displayId;
    },
    [visible],
  );

  const value = useMemo<Selection>(
    () => ({
      selected,
      allMatching,
      visible,
      setVisible,
      toggle,
      selectPage: () => setSelected(new Set(visible)),
      selectAllMatching: () => {
        setSelected(new Set(visible));
        setAllMatching(true);
      },
      clear: () => {
        setSelected(new Set());
        setAllMatching(false);
        anchor.current = null;
      },
    }),
    [selected, allMatching, visible, setVisible, toggle],
  );

  // `x`: the row with the keyboard focus, else the open conversation's row.
  useShortcut("select-row", () => {
    const focused = document.activeElement?.closest<HTMLElement>("li[data-display-id]");
    const open = document.querySelector<HTMLElement>('[role="tabpanel"][aria-label="Conversations"] li:has(> a[aria-current="page"])');
    const id = Number((focused ?? open)?.dataset.displayId);
    if (Number.isSafeInteger(id) && id > 0) toggle(id, false);
  });

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/**
 * The row's checkbox (a plain element the list renders with the selection it already read, not
 * a component per row); outside a provider (search results) there is none.
 */
export function rowCheckbox(selection: Selection | null, displayId: number, label: string) {
  if (!selection) return null;
  return (
    // The label is the wide click target; the box carries its name itself (no hidden text node).
    <label className="flex shrink-0 cursor-pointer items-start py-3.5 pl-3">
      <input
        type="checkbox"
        aria-label={`Select ${label}`}
        className="size-4 rounded border-slate-300"
        checked={selection.selected.has(displayId)}
        onChange={() => undefined}
        onClick={(e) => selection.toggle(displayId, e.shiftKey)}
      />
    </label>
  );
}
