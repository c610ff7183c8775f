"use client";

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
    <ul role="listbox" aria-label="Mention an agent" className="max-h-48 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-md">
      {hits.map((c, i) => (
        <li key={c.id} role="option" aria-selected={i === active}>
          <button
            type="button"
            // mousedown, not click: the editor keeps its focus and caret.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(c);
            }}
            className={`block w-full truncate px-3 py-1.5 text-left ${i === active ? "bg-slate-100" : "hover:bg-slate-50"}`}
          >
            @{c.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
