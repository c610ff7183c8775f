"use client";

import { ChevronDown, Timer } from "lucide-react";
import { useRef, useState } from "react";
import { applySlaAction, listSlaPoliciesAction } from "@/app/_server/actions/sla";
import { Alert } from "@/components/ui/alert";
import { useAction } from "@/components/use-action";

/**
 * The conversation's SLA menu: which policy it is under; the account's policies are read when it
 * opens, and choosing one (or None) applies it at once.
 */
export function SlaPicker({ accountId, displayId, current }: { accountId: number; displayId: number; current: { id: number; name: string } | null }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const list = useAction(listSlaPoliciesAction);
  const apply = useAction(applySlaAction);
  const [policies, setPolicies] = useState<{ id: number; name: string }[] | null>(null);
  const choose = (slaPolicyId: number | null) => {
    if (menu.current) menu.current.open = false;
    apply.run({ accountId, displayId, slaPolicyId });
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <details ref={menu} className="relative" onToggle={(e) => (e.currentTarget.open ? list.run({ accountId }, setPolicies) : undefined)}>
        <summary
          aria-label="SLA policy"
          className="flex h-8 cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-xs font-medium text-slate-700 hover:bg-slate-50 [&::-webkit-details-marker]:hidden"
        >
          <Timer className="size-3.5" aria-hidden="true" />
          {current ? `SLA: ${current.name}` : "SLA"}
          <ChevronDown className="size-3.5" aria-hidden="true" />
        </summary>
        <div className="absolute right-0 z-20 mt-1 w-56 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg" role="menu" aria-label="SLA policies">
          {policies === null ? (
            <p className="px-2.5 py-1.5 text-slate-500">Loading…</p>
          ) : policies.length === 0 ? (
            <p className="px-2.5 py-1.5 text-slate-500">No SLA policies yet: add one in Settings → SLA.</p>
          ) : (
            <>
              {policies.map((p) => (
                <button key={p.id} type="button" role="menuitemradio" aria-checked={current?.id === p.id} onClick={() => choose(p.id)} className="block w-full rounded-md px-2.5 py-1.5 text-left hover:bg-slate-100">
                  {p.name}
                </button>
              ))}
              {current ? (
                <button type="button" role="menuitemradio" aria-checked={false} onClick={() => choose(null)} className="block w-full rounded-md px-2.5 py-1.5 text-left text-slate-600 hover:bg-slate-100">
                  No SLA
                </button>
              ) : null}
            </>
          )}
        </div>
      </details>
      {apply.pending ? <p className="text-xs text-slate-500">Applying…</p> : null}
      {apply.error ? <Alert>{apply.error}</Alert> : null}
    </div>
  );
}
