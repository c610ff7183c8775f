"use client";

import { clsx } from "clsx";
import { useEffect, useState, useTransition } from "react";
import { pickCannedResponsesAction } from "@/app/_server/actions/canned-responses";
import type { PickedCannedResponse } from "@/lib/canned-responses/manage";

/** The parts of a key event the picker reads (a React or a DOM event, from a textarea or the editor). */
type KeyLike = { key: string; metaKey: boolean; ctrlKey: boolean; preventDefault(): void };

/** A `/word` being typed: where its slash is in the text, and the word after it. */
export type SlashQuery = { start: number; end: number; query: string };

/** The `/query` just before the caret, when the slash starts the text or follows a space. */
export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const m = /(^|\s)\/([^\s/]*)$/.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2].length - 1, end: caret, query: m[2] };
}

/**
 * The composer's `/` picker: the canned responses matching what follows the slash, with the
 * conversation's variables already filled by the server. Arrow keys move, Enter or Tab inserts,
 * Escape closes. The composer forwards its editor's keys to `onKeyDown` first.
 */
export function useCannedPicker({ accountId, displayId, slash, onPick, onClose }: { accountId: number; displayId: number; slash: SlashQuery | null; onPick: (slash: SlashQuery, text: string) => void; onClose: () => void }) {
  const [results, setResults] = useState<PickedCannedResponse[]>([]);
  const [active, setActive] = useState(0);
  const [, start] = useTransition();
  const query = slash?.query ?? null;

  useEffect(() => {
    if (query === null) return;
    const timer = setTimeout(() => {
      start(async () => {
        const r = await pickCannedResponsesAction({ accountId, displayId, search: query });
        setResults(r.ok ? r.data : []);
        setActive(0);
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [query, accountId, displayId]);

  const open = slash !== null && results.length > 0;
  const pick = (r: PickedCannedResponse) => slash && onPick(slash, r.text);

  /** True when the key was the picker's (the composer then does nothing else with it). */
  const onKeyDown = (e: KeyLike): boolean => {
    if (!open) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : results.length - 1)) % results.length);
      return true;
    }
    if ((e.key === "Enter" && !e.metaKey && !e.ctrlKey) || e.key === "Tab") {
      e.preventDefault();
      pick(results[Math.min(active, results.length - 1)]);
      return true;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
      return true;
    }
    return false;
  };

  const picker = open ? (
    <ul role="listbox" aria-label="Canned responses" className="max-h-48 overflow-y-auto border-b border-slate-200/70 bg-white py-1 text-sm">
      {results.map((r, i) => (
        <li
          key={r.id}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => {
            e.preventDefault(); // keep the focus in the editor
            pick(r);
          }}
          className={clsx("cursor-pointer px-3 py-1.5", i === active ? "bg-brand-50" : "hover:bg-slate-50")}
        >
          <span className="font-mono text-xs font-medium text-slate-800">/{r.shortCode}</span>
          <span className="ml-2 truncate text-xs text-slate-500">{r.text.slice(0, 120)}</span>
        </li>
      ))}
    </ul>
  ) : null;

  return { picker, onKeyDown };
}
