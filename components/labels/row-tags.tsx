"use client";

import type { ConversationSummary } from "@/lib/conversations/types";
import { PriorityBadge } from "@/components/conversations/priority-badge";
import { LabelChip } from "./label-chip";
import { useOrganize } from "./organize-context";

/** A row's priority, team and labels (nothing when it has none). */
export function RowTags({ c }: { c: Pick<ConversationSummary, "labels" | "team" | "priority"> }) {
  const organize = useOrganize();
  if (!c.priority && !c.team && c.labels.length === 0) return null;
  const colorOf = (title: string) => organize?.labels.find((l) => l.title === title)?.color;
  return (
    <div className="mt-1.5 flex flex-wrap items-center gap-1" data-testid="row-tags">
      {c.priority ? <PriorityBadge priority={c.priority} /> : null}
      {c.team ? <span className="rounded-full bg-slate-100 px-1.5 py-px text-[11px] leading-4 text-slate-700">{c.team.name}</span> : null}
      {c.labels.map((t) => (
        <LabelChip key={t} title={t} color={colorOf(t)} />
      ))}
    </div>
  );
}
