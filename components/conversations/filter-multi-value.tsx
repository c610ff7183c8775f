"use client";

import { clsx } from "clsx";
import { ChevronDown } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";

/**
 * The value of a condition that takes several (labels, inboxes, teams, assignees, statuses,
 * priorities with "is" / "is not"): a button naming the chosen values that opens a list of
 * checkboxes. "is" with several values matches any of them, "is not" none of them, as Chatwoot's
 * `equal_to` / `not_equal_to` read a list.
 */
export function MultiValuePicker({
  options,
  values,
  onChange,
  className,
}: {
  options: { value: string; label: string }[];
  values: readonly (string | number | boolean)[];
  onChange: (values: string[]) => void;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const chosen = values.map(String);
  // A value no longer offered (a deleted label) stays visible and can be unticked.
  const all = [...options, ...chosen.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
  const summary = all.filter((o) => chosen.includes(o.value)).map((o) => o.label);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  const toggle = (value: string, on: boolean) => onChange(on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value));
  return (
    <div ref={box} className={clsx("relative", className)} onKeyDown={(e) => e.key === "Escape" && open && (e.preventDefault(), setOpen(false))}>
      <button
        type="button"
        aria-label="Values"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className={clsx(inputClass, "flex h-8 w-full items-center justify-between gap-1 text-left text-xs")}
      >
        <span className="truncate">{summary.length > 0 ? summary.join(", ") : "Choose…"}</span>
        <ChevronDown className="size-3.5 shrink-0 text-slate-400" aria-hidden="true" />
      </button>
      {open ? (
        <div id={id} role="group" aria-label="Values" className="absolute z-20 mt-1 max-h-60 w-full min-w-48 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 text-xs shadow-lg">
          {all.length === 0 ? <p className="px-2 py-1 text-slate-500">Nothing to choose</p> : null}
          {all.map((o) => (
            <label key={o.value} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 hover:bg-slate-50">
              <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
              {o.label}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
