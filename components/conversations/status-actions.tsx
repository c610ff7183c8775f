"use client";

import { addDays, addHours, nextMonday, setHours, startOfHour, format } from "date-fns";
import { CheckCircle2, ChevronDown, Clock, RotateCcw } from "lucide-react";
import { useRef, useState } from "react";
import { setStatusAction } from "@/app/_server/actions/conversations";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

type Status = "open" | "pending" | "resolved" | "snoozed";

function presets(now: Date): { label: string; until: Date }[] {
  const nineAm = (d: Date) => startOfHour(setHours(d, 9));
  return [
    { label: "For an hour", until: addHours(now, 1) },
    { label: "Until tomorrow", until: nineAm(addDays(now, 1)) },
    { label: "Until next week", until: nineAm(nextMonday(now)) },
  ];
}

/** Resolve / reopen, plus pending and snooze in a menu, as in Chatwoot's header. */
export function StatusActions({ accountId, displayId, status }: { accountId: number; displayId: number; status: Status }) {
  const { run, pending, error } = useAction(setStatusAction);
  const menu = useRef<HTMLDetailsElement>(null);
  const [until, setUntil] = useState("");
  // Snooze times depend on the viewer's clock and zone: computed in the browser when the menu opens.
  const [now, setNow] = useState<Date | null>(null);
  const set = (next: Status, snoozedUntil?: Date) => {
    if (menu.current) menu.current.open = false;
    run({ accountId, displayId, status: next, snoozedUntil: snoozedUntil ? snoozedUntil.toISOString() : null });
  };

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center">
        {status === "open" || status === "pending" ? (
          <Button size="sm" disabled={pending} onClick={() => set("resolved")} className="rounded-r-none">
            <CheckCircle2 className="size-3.5" aria-hidden="true" />
            Resolve
          </Button>
        ) : (
          <Button size="sm" disabled={pending} onClick={() => set("open")} className="rounded-r-none">
            <RotateCcw className="size-3.5" aria-hidden="true" />
            Reopen
          </Button>
        )}
        <details ref={menu} className="relative" onToggle={(e) => setNow(e.currentTarget.open ? new Date() : null)}>
          <summary
            className="flex h-8 cursor-pointer list-none items-center rounded-r-md border-l border-brand-700 bg-brand-600 px-1.5 text-white hover:bg-brand-700 [&::-webkit-details-marker]:hidden"
            aria-label="More status actions"
          >
            <ChevronDown className="size-4" aria-hidden="true" />
          </summary>
          <div className="absolute right-0 z-20 mt-1 w-64 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg">
            {status !== "pending" ? (
              <button type="button" onClick={() => set("pending")} className="block w-full rounded-md px-2.5 py-1.5 text-left hover:bg-slate-100">
                Mark as pending
              </button>
            ) : null}
            {status === "pending" ? (
              <button type="button" onClick={() => set("open")} className="block w-full rounded-md px-2.5 py-1.5 text-left hover:bg-slate-100">
                Reopen
              </button>
            ) : null}
            <p className="mt-1 flex items-center gap-1.5 px-2.5 pt-1.5 pb-1 text-xs font-semibold text-slate-500">
              <Clock className="size-3" aria-hidden="true" /> Snooze until…
            </p>
            {(now ? presets(now) : []).map((p) => (
              <button
                key={p.label}
                type="button"
                onClick={() => set("snoozed", p.until)}
                className="flex w-full items-center justify-between rounded-md px-2.5 py-1.5 text-left hover:bg-slate-100"
              >
                <span>Snooze {p.label.toLowerCase()}</span>
                <span className="text-xs text-slate-400">{format(p.until, "EEE h a")}</span>
              </button>
            ))}
            <form
              className="mt-1 flex items-end gap-1.5 border-t border-slate-100 px-2.5 pt-2 pb-1.5"
              onSubmit={(e) => {
                e.preventDefault();
                const date = new Date(until);
                if (!Number.isNaN(date.getTime())) set("snoozed", date);
              }}
            >
              <div className="min-w-0 flex-1">
                <label htmlFor="snooze-until" className="block text-xs text-slate-500">
                  Snooze until
                </label>
                <input
                  id="snooze-until"
                  type="datetime-local"
                  value={until}
                  min={now ? format(now, "yyyy-MM-dd'T'HH:mm") : undefined}
                  onChange={(e) => setUntil(e.target.value)}
                  className="mt-0.5 w-full rounded-md border border-slate-300 px-1.5 py-1 text-xs"
                  required
                />
              </div>
              <Button type="submit" size="sm" variant="secondary">
                Snooze
              </Button>
            </form>
          </div>
        </details>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
