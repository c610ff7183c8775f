import { clsx } from "clsx";
import type { ConversationPriority } from "@/lib/conversations/types";

export const PRIORITY_LABELS: Record<ConversationPriority, string> = { urgent: "Urgent", high: "High", medium: "Medium", low: "Low" };

const tones: Record<ConversationPriority, string> = {
  urgent: "bg-red-50 text-red-700 ring-red-600/20",
  high: "bg-amber-50 text-amber-800 ring-amber-600/20",
  medium: "bg-brand-50 text-brand-700 ring-brand-600/20",
  low: "bg-slate-100 text-slate-600 ring-slate-500/10",
};

/** A conversation's priority, as a small badge (rows and the header). */
export function PriorityBadge({ priority }: { priority: ConversationPriority }) {
  return (
    <span className={clsx("inline-flex items-center rounded-full px-1.5 py-px text-[11px] leading-4 font-medium ring-1 ring-inset", tones[priority])} data-priority={priority}>
      <span className="sr-only">Priority: </span>
      {PRIORITY_LABELS[priority]}
    </span>
  );
}
