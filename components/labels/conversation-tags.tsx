"use client";

import { Tag } from "lucide-react";
import { useState } from "react";
import { assignTeamAction, setConversationLabelsAction, updatePriorityAction } from "@/app/_server/actions/organize";
import type { ConversationSummary } from "@/lib/conversations/types";
import { PRIORITY_LABELS } from "@/components/conversations/priority-badge";
import { Alert } from "@/components/ui/alert";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { LabelChip } from "./label-chip";
import { useOrganize } from "./organize-context";

/**
 * The header's second line: priority, team and labels of the open conversation, each editable in
 * place. The values shown are the (live-patched) summary's, so a teammate's change appears here too.
 */
export function ConversationTags({ accountId, conversation }: { accountId: number; conversation: Pick<ConversationSummary, "displayId" | "priority" | "team" | "labels"> }) {
  const organize = useOrganize();
  const priority = useAction(updatePriorityAction);
  const team = useAction(assignTeamAction);
  const labels = useAction(setConversationLabelsAction);
  const all = organize?.labels ?? [];
  const teams = organize?.teams ?? [];
  // The boxes show the click at once; the saved list (live-patched) takes over when the save returns.
  const [optimistic, setOptimistic] = useState<string[] | null>(null);
  const shown = labels.error ? conversation.labels : (optimistic ?? conversation.labels);
  const colorOf = (title: string) => all.find((l) => l.title === title)?.color;
  const toggle = (title: string, on: boolean) => {
    const next = on ? [...shown, title] : shown.filter((t) => t !== title);
    setOptimistic(next);
    labels.run({ accountId, displayId: conversation.displayId, labels: next }, () => setOptimistic(null));
  };
  const error = priority.error ?? team.error ?? labels.error;
  return (
    <div className="flex w-full flex-wrap items-center gap-2" data-testid="conversation-tags">
      <label className="sr-only" htmlFor="conversation-priority">
        Priority
      </label>
      <Select
        id="conversation-priority"
        className="h-7 w-auto py-0 text-xs"
        value={conversation.priority ?? ""}
        disabled={priority.pending}
        onChange={(e) => {
          const v = e.target.value;
          priority.run({ accountId, displayId: conversation.displayId, priority: v === "" ? null : (v as keyof typeof PRIORITY_LABELS) });
        }}
      >
        <option value="">No priority</option>
        {(Object.keys(PRIORITY_LABELS) as (keyof typeof PRIORITY_LABELS)[]).map((p) => (
          <option key={p} value={p}>
            {PRIORITY_LABELS[p]}
          </option>
        ))}
      </Select>
      <label className="sr-only" htmlFor="conversation-team">
        Team
      </label>
      <Select
        id="conversation-team"
        className="h-7 w-auto py-0 text-xs"
        value={conversation.team?.id ?? ""}
        disabled={team.pending}
        onChange={(e) => team.run({ accountId, displayId: conversation.displayId, teamId: e.target.value === "" ? null : Number(e.target.value) })}
      >
        <option value="">No team</option>
        {conversation.team && !teams.some((t) => t.id === conversation.team?.id) ? <option value={conversation.team.id}>{conversation.team.name}</option> : null}
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Select>
      {shown.map((t) => (
        <LabelChip key={t} title={t} color={colorOf(t)} />
      ))}
      <details className="relative">
        <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50">
          <Tag className="size-3" aria-hidden="true" /> Labels
        </summary>
        <div className="absolute z-20 mt-1 max-h-64 w-56 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg" role="group" aria-label="Labels of this conversation">
          {all.length === 0 ? <p className="px-1 py-1 text-xs text-slate-500">No labels yet: administrators add them in Settings → Labels.</p> : null}
          {all.map((l) => (
            <label key={l.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-slate-700 hover:bg-slate-50">
              <input type="checkbox" checked={shown.includes(l.title)} onChange={(e) => toggle(l.title, e.target.checked)} />
              <LabelChip title={l.title} color={l.color} />
            </label>
          ))}
        </div>
      </details>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
