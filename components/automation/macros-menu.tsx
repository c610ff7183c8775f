"use client";

import { ChevronDown, Wand2 } from "lucide-react";
import { useRef, useState } from "react";
import { listMacrosAction, runMacroAction } from "@/app/_server/actions/automation";
import { Alert } from "@/components/ui/alert";
import { useShortcut } from "@/components/search/shortcut-events";
import { useAction } from "@/components/use-action";

type MacroItem = { id: number; name: string; visibility: string; actions: string[] };
type Outcome = { name: string; done: number; failed: string[] };

/**
 * The conversation's Macros menu: the macros this agent may run, read when it opens (the m key
 * opens it too); choosing one runs its actions on this conversation and says what happened.
 */
export function MacrosMenu({ accountId, displayIds, label = "Macros" }: { accountId: number; displayIds: number[]; label?: string }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const list = useAction(listMacrosAction);
  const execute = useAction(runMacroAction);
  const [macros, setMacros] = useState<MacroItem[] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const load = () => list.run({ accountId }, setMacros);
  useShortcut("macros", () => {
    // Rows ticked in the list take the m key: their bulk bar's macro picker opens instead.
    if (!menu.current || document.querySelector("[data-bulk-macro-picker]:not(:disabled)")) return;
    menu.current.open = true;
    load();
  });
  const run = (m: MacroItem) => {
    if (menu.current) menu.current.open = false;
    setOutcome(null);
    execute.run({ accountId, macroId: m.id, displayIds }, (r) => {
      const actions = r.results.flatMap((c) => c.actions);
      setOutcome({ name: m.name, done: actions.filter((a) => a.status === "done").length, failed: actions.filter((a) => a.status === "failed").map((a) => `${a.action}: ${a.detail ?? "failed"}`) });
    });
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <details ref={menu} className="relative" onToggle={(e) => (e.currentTarget.open ? load() : undefined)}>
        <summary className="flex h-8 cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
          <Wand2 className="size-3.5" aria-hidden="true" />
          {label}
          <ChevronDown className="size-3.5" aria-hidden="true" />
        </summary>
        <div className="absolute right-0 z-20 mt-1 w-64 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg" role="menu" aria-label="Macros">
          {macros === null ? (
            <p className="px-2.5 py-1.5 text-slate-500">Loading…</p>
          ) : macros.length === 0 ? (
            <p className="px-2.5 py-1.5 text-slate-500">No macros yet: add one in Settings → Macros.</p>
          ) : (
            macros.map((m) => (
              <button key={m.id} type="button" role="menuitem" onClick={() => run(m)} className="block w-full rounded-md px-2.5 py-1.5 text-left hover:bg-slate-100">
                {m.name}
              </button>
            ))
          )}
        </div>
      </details>
      {execute.pending ? <p className="text-xs text-slate-500">Running…</p> : null}
      {outcome ? (
        <p role="status" className={`text-xs ${outcome.failed.length > 0 ? "text-red-700" : "text-emerald-700"}`}>
          {outcome.name}: {outcome.done} {outcome.done === 1 ? "action" : "actions"} done{outcome.failed.length > 0 ? `; failed: ${outcome.failed.join("; ")}` : ""}
        </p>
      ) : null}
      {execute.error || list.error ? <Alert>{execute.error ?? list.error}</Alert> : null}
    </div>
  );
}
