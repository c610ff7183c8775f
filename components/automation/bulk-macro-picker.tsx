"use client";

import { useEffect, useRef, useState } from "react";
import { listMacrosAction, runMacroAction } from "@/app/_server/actions/automation";
import { useShortcut } from "@/components/search/shortcut-events";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { describeMacroRun } from "./macro-outcome";

export type MacroOutcome = { summary: string; problems: string[]; failed: boolean };

/**
 * "Run macro…" in the bulk action bar: runs the chosen macro on every selected conversation (as
 * the agent; each conversation's rows change through its own live events) and hands back what
 * happened, per conversation, for the bar to show after the selection is cleared.
 */
export function BulkMacroPicker({ accountId, displayIds, disabled, onOutcome }: { accountId: number; displayIds: number[]; disabled: boolean; onOutcome: (o: MacroOutcome) => void }) {
  const list = useAction(listMacrosAction);
  const execute = useAction(runMacroAction);
  const [macros, setMacros] = useState<{ id: number; name: string }[] | null>(null);
  const picker = useRef<HTMLSelectElement>(null);
  const load = list.run;
  useEffect(() => {
    load({ accountId }, setMacros);
  }, [accountId, load]);
  // With rows selected the m key picks a macro for them (the open conversation's menu stands aside).
  // Pressed while the macros are still loading, it is kept and honoured when they arrive.
  const wanted = useRef(false);
  const openPicker = (gesture: boolean) => {
    const select = picker.current;
    if (!select) return;
    if (select.disabled) {
      wanted.current = !macros;
      return;
    }
    wanted.current = false;
    select.focus();
    if (!gesture) return;
    try {
      select.showPicker();
    } catch {
      // showPicker is refused without a user gesture in some browsers: focus is enough (arrows choose).
    }
  };
  useShortcut("macros", () => openPicker(true));
  useEffect(() => {
    if (macros && wanted.current) openPicker(false);
  });
  return (
    <>
      <Select
        ref={picker}
        data-bulk-macro-picker=""
        aria-label="Run macro"
        className="h-7 w-auto py-0 text-xs"
        value=""
        disabled={disabled || execute.pending || !macros || macros.length === 0}
        onChange={(e) => {
          const macro = macros?.find((m) => String(m.id) === e.target.value);
          if (!macro) return;
          const ids = [...displayIds];
          execute.run({ accountId, macroId: macro.id, displayIds: ids }, (run) => {
            const d = describeMacroRun(macro.name, run, ids.length);
            onOutcome({ ...d, failed: d.problems.length > 0 });
          });
        }}
      >
        <option value="">{execute.pending ? "Running macro…" : macros && macros.length === 0 ? "No macros" : "Run macro…"}</option>
        {(macros ?? []).map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </Select>
      {execute.error ? (
        <span role="alert" className="text-red-700">
          {execute.error}
        </span>
      ) : null}
    </>
  );
}

/** The bar's report of a macro run: the summary, then each conversation where something did not happen. */
export function MacroOutcomeView({ outcome, onDismiss }: { outcome: MacroOutcome; onDismiss: () => void }) {
  return (
    <div role="status" data-testid="macro-outcome" className={outcome.failed ? "text-red-700" : "text-slate-800"}>
      <div className="flex items-center gap-2">
        <span className="font-medium">{outcome.summary}</span>
        <button type="button" className="ml-auto text-slate-500 hover:underline" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {outcome.problems.length > 0 ? (
        <ul className="mt-0.5 list-disc pl-5">
          {outcome.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
