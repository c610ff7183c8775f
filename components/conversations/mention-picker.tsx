"use client";

import { useState, type KeyboardEvent } from "react";
import { matchMentions, type MentionCandidate } from "./mention-text";

/**
 * The list of the inbox's agents shown while an "@name" is typed in a private note. The composer
 * mounts it under its editor with the query from mentionAt() and inserts the pick with
 * insertMention() (mention-text.ts); arrow keys and Enter are the editor's to forward via `active`.
 */
export function MentionPicker({
  candidates,
  query,
  active = 0,
  onPick,
}: {
  candidates: readonly MentionCandidate[];
  query: string;
  active?: number;
  onPick: (candidate: MentionCandidate) => void;
}) {
  const hits = matchMentions(candidates, query);
  if (hits.length === 0) return null;
  return (
    <ul role="listbox" aria-label="Mention an agent" className="max-h-48 overflow-y-auto border-b border-slate-200/70 bg-white py-1 text-sm">
      {hits.map((c, i) => (
        <li key={c.id} role="option" aria-selected={i === active}>
          <button
            type="button"
            // mousedown, not click: the editor keeps its focus and caret.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(c);
            }}
            className={`block w-full truncate px-3 py-1.5 text-left ${i === active ? "bg-amber-50 text-amber-900" : "hover:bg-slate-50"}`}
          >
            @{c.name}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** An "@query" being typed, wherever the editor counts positions: `start` is the @, `end` the caret. */
export type MentionQuery = { start: number; end: number; query: string };

/**
 * The composer's @ picker, editor-agnostic like useCannedPicker: the editor reports the
 * MentionQuery before its caret (or null), forwards its keys to `onKeyDown` first (arrows move,
 * Enter or Tab picks, Escape closes), and writes the pick itself in `onPick` (Chatwoot's markup
 * in plain text, a mention:// link in a rich editor).
 */
export function useMentionPicker({
  candidates,
  at,
  onPick,
  onClose,
}: {
  candidates: readonly MentionCandidate[];
  at: MentionQuery | null;
  onPick: (at: MentionQuery, candidate: MentionCandidate) => void;
  onClose: () => void;
}) {
  const [active, setActive] = useState(0);
  const [shownFor, setShownFor] = useState<string | null>(null);
  const hits = at ? matchMentions(candidates, at.query) : [];
  // A new query starts at the first hit.
  const key = at ? `${at.start}:${at.query}` : null;
  if (key !== shownFor) {
    setShownFor(key);
    setActive(0);
  }
  const open = at !== null && hits.length > 0;

  const onKeyDown = (e: KeyboardEvent | globalThis.KeyboardEvent): boolean => {
    if (!open || !at) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length);
      return true;
    }
    if ((e.key === "Enter" && !e.metaKey && !e.ctrlKey) || e.key === "Tab") {
      e.preventDefault();
      onPick(at, hits[Math.min(active, hits.length - 1)]);
      return true;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
      return true;
    }
    return false;
  };

  const picker = open ? <MentionPicker candidates={candidates} query={at.query} active={Math.min(active, hits.length - 1)} onPick={(c) => onPick(at, c)} /> : null;
  return { picker, onKeyDown, open };
}
