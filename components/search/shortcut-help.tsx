"use client";

import { X } from "lucide-react";
import { useEffect, useRef } from "react";

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["/"], what: "Search" },
  { keys: ["Ctrl", "K"], what: "Command bar (⌘K on a Mac): conversations, contacts, views, actions" },
  { keys: ["j"], what: "Next conversation" },
  { keys: ["k"], what: "Previous conversation" },
  { keys: ["r"], what: "Reply" },
  { keys: ["n"], what: "Private note" },
  { keys: ["e"], what: "Resolve" },
  { keys: ["a"], what: "Assign to me" },
  { keys: ["m"], what: "Macros: run one on the open conversation (or, with rows selected, on them)" },
  { keys: ["x"], what: "Select the focused (or open) conversation for a bulk action" },
  { keys: ["Ctrl", "Enter"], what: "Send (in the composer)" },
  { keys: ["?"], what: "This list" },
];

/**
 * The list of keyboard shortcuts, opened with `?`. The dialog is in every signed-in page, its list
 * only while it is open: closed, it would be 60 elements each page render builds and sends.
 */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="shortcut-help-title"
      className="m-auto w-full max-w-md rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/30"
    >
      {open ? <ShortcutList onClose={onClose} /> : null}
    </dialog>
  );
}

function ShortcutList({ onClose }: { onClose: () => void }) {
  return (
    <>
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 id="shortcut-help-title" className="text-sm font-semibold text-slate-900">
          Keyboard shortcuts
        </h2>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-500 hover:bg-slate-100" aria-label="Close">
          <X className="size-4" aria-hidden="true" />
        </button>
      </div>
      <dl className="divide-y divide-slate-100 px-4 py-2 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="flex items-center justify-between gap-4 py-1.5">
            <dt className="text-slate-700">{s.what}</dt>
            <dd className="flex shrink-0 gap-1">
              {s.keys.map((k) => (
                <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                  {k}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
