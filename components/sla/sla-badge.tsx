"use client";

import { clsx } from "clsx";
import { useEffect, useState } from "react";
import type { ListRow } from "@/components/conversations/list-row";
import { TimerIcon } from "@/components/ui/line-icons";
import { slaBadge } from "./sla-clock";

/** How often a badge re-reads the clock: seconds matter only in the last minute, so every 5 s is plenty. */
const TICK_MS = 5_000;

const TONES = {
  ok: "border-slate-200 bg-slate-50 text-slate-700",
  warning: "border-amber-300 bg-amber-50 text-amber-800",
  breached: "border-red-300 bg-red-50 text-red-700",
};

/**
 * Time left or breached for the conversation's SLA ("FRT 12m", "FRT breached 3h"), counted in
 * the browser from the due times in the row; the words say it, the colour only repeats it.
 */
export function SlaBadge({ c, className }: { c: Pick<ListRow, "sla" | "status" | "firstReplyCreatedAt" | "waitingSince">; className?: string }) {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    if (!c.sla) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), TICK_MS);
    return () => clearInterval(timer);
  }, [c.sla]);
  // Rendered after mount only: the server's clock and the browser's would not agree on the text.
  const view = now ? slaBadge(c, now) : null;
  if (!view) return null;
  return (
    <span
      data-testid="sla-badge"
      data-tone={view.tone}
      title={view.title}
      className={clsx("inline-flex shrink-0 items-center gap-0.5 rounded border px-1 text-[11px] font-medium", TONES[view.tone], className)}
    >
      <TimerIcon className="size-3" />
      {view.label}
    </span>
  );
}
