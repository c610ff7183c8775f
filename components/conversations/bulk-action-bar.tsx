"use client";

import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { bulkAction, filterAgentsAction } from "@/app/_server/actions/list-tools";
import { useOrganize } from "@/components/labels/organize-context";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { BulkMacroPicker, MacroOutcomeView, type MacroOutcome } from "@/components/automation/bulk-macro-picker";
import { useBulkSelection } from "./bulk-selection";
import type { ConversationListMeta } from "@/lib/conversations/types";
import { matchingItems } from "./bulk-scope";
import { useListCounts } from "./conversation-tabs";
import type { ListLocation } from "./list-location";
import type { ListQuery } from "./list-query";
import { toPayload } from "./filter-url";

type Change = { status?: "open" | "resolved" | "snoozed"; snoozedUntil?: string | null; assigneeId?: number | null; teamId?: number | null; read?: "read" | "unread"; labels?: { add: string[]; remove: string[] } };
type Progress = { total: number; done: number; failed: number; finished: boolean };
type BulkProgressEvent = Progress & { runId: string };

const SNOOZES: [string, string][] = [
  ["1h", "For an hour"],
  ["tomorrow", "Until tomorrow"],
  ["week", "For a week"],
];
function snoozeUntil(choice: string): string {
  const d = new Date();
  if (choice === "1h") d.setHours(d.getHours() + 1);
  else if (choice === "tomorrow") {
    d.setDate(d.getDate() + 1);
    d.setHours(9, 0, 0, 0);
  } else d.setDate(d.getDate() + 7);
  return d.toISOString();
}

/** "480 updated, 20 skipped": skipped ones were not visible to the agent or could not take the change. */
export function summaryOf(p: Progress): string {
  const updated = p.done - p.failed;
  return `${updated} updated${p.failed > 0 ? `, ${p.failed} skipped (no access or not applicable)` : ""}`;
}

/**
 * The bar over the list while rows are selected: how many, "select all on this page" / "all N
 * matching", and the actions (resolve, reopen, snooze, assignee, team, labels, read/unread). A
 * small selection is changed within the request; a big one (or "all matching") runs as a job whose
 * `bulk_action.progress` events fill the progress bar, then the summary stays until dismissed.
 * The rows themselves change through the conversations' own live events.
 */
export function BulkActionBar({
  location,
  query,
  meta,
  list,
}: {
  location: ListLocation;
  query: ListQuery;
  meta: ConversationListMeta;
  list: Omit<Parameters<typeof matchingItems>[0], "myTeamIds">;
}) {
  const { accountId } = location;
  // The tab's count, kept current by live events as the tabs are (the rows a bulk action changes leave it).
  const counts = useListCounts(location, query, meta);
  const total = query.assigneeType === "me" ? counts.mineCount : query.assigneeType === "unassigned" ? counts.unassignedCount : counts.allCount;
  const selection = useBulkSelection();
  const organize = useOrganize();
  const [pending, startTransition] = useTransition();
  const [run, setRun] = useState<{ runId: string | null; progress: Progress | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [agents, setAgents] = useState<{ id: number; name: string }[] | null>(null);
  const [macroOutcome, setMacroOutcome] = useState<MacroOutcome | null>(null);
  // Progress that arrived before the action's answer named its run.
  const early = useRef(new Map<string, Progress>());

  useLiveEvents((name, data) => {
    if (name !== "bulk_action.progress") return;
    const p = data as BulkProgressEvent;
    const progress = { total: p.total, done: p.done, failed: p.failed, finished: p.finished };
    early.current.set(p.runId, progress);
    setRun((current) => (current && current.runId === p.runId && !current.progress?.finished ? { ...current, progress } : current));
  });
  const count = selection?.allMatching ? total : (selection?.selected.size ?? 0);
  useEffect(() => {
    if (count > 0 && agents === null) {
      setAgents([]);
      void filterAgentsAction({ accountId }).then((r) => r.ok && setAgents(r.data));
    }
  }, [count, agents, accountId]);
  if (!selection) return null;
  const active = run !== null && !run.progress?.finished;
  if (count === 0 && run === null && macroOutcome === null) return null;

  const apply = (change: Change) => {
    setError(null);
    const myTeamIds = (organize?.teams ?? []).filter((t) => t.isMember).map((t) => t.id);
    const target = selection.allMatching ? { filter: toPayload(matchingItems({ ...list, myTeamIds })) } : { ids: [...selection.selected] };
    setRun({ runId: null, progress: null });
    startTransition(async () => {
      const result = await bulkAction({ accountId, ...target, ...change }).catch(() => null);
      if (!result || !result.ok) {
        setRun(null);
        setError(result ? result.error : "Could not reach the server. Check your connection and try again.");
        return;
      }
      const { runId, progress } = result.data;
      selection.clear();
      setRun({ runId, progress: progress ? { ...progress, finished: true } : (early.current.get(runId) ?? null) });
    });
  };
  const choose = (label: string, onPick: (value: string) => void, options: [string, string][]): ReactNode => (
    <Select
      aria-label={label}
      className="h-7 w-auto py-0 text-xs"
      value=""
      disabled={active || pending}
      onChange={(e) => {
        if (e.target.value) onPick(e.target.value);
      }}
    >
      <option value="">{label}…</option>
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </Select>
  );
  const labels = (organize?.labels ?? []).map((l): [string, string] => [l.title, l.title]);
  const progress = run?.progress;

  return (
    <div role="region" aria-label="Bulk actions" className="space-y-1.5 border-b border-slate-200 bg-brand-50/40 px-4 py-2 text-xs">
      {count > 0 ? (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-800" data-testid="selected-count">
              {count} selected
            </span>
            {!selection.allMatching && selection.selected.size < selection.visible.length ? (
              <button type="button" className="text-brand-700 hover:underline" onClick={selection.selectPage}>
                Select all on this page
              </button>
            ) : null}
            {/* The Mentions / Participating views are no filter condition: there, only picked rows. */}
            {!selection.allMatching && !list.quick?.conversationType && total > selection.visible.length ? (
              <button type="button" className="text-brand-700 hover:underline" onClick={selection.selectAllMatching}>
                Select all {total} matching
              </button>
            ) : null}
            <button type="button" className="ml-auto text-slate-500 hover:underline" onClick={selection.clear}>
              Clear selection
            </button>
          </div>
          <div className="flex flex-wrap items-center gap-1.5">
            <Button size="sm" className="h-7" disabled={active || pending} onClick={() => apply({ status: "resolved" })}>
              Resolve
            </Button>
            <Button variant="secondary" size="sm" className="h-7" disabled={active || pending} onClick={() => apply({ status: "open" })}>
              Reopen
            </Button>
            {choose("Snooze", (v) => apply({ status: "snoozed", snoozedUntil: snoozeUntil(v) }), SNOOZES)}
            {choose("Assign agent", (v) => apply({ assigneeId: v === "none" ? null : Number(v) }), [["none", "Nobody"], ...(agents ?? []).map((a): [string, string] => [String(a.id), a.name])])}
            {choose("Assign team", (v) => apply({ teamId: v === "none" ? null : Number(v) }), [["none", "No team"], ...(organize?.teams ?? []).map((t): [string, string] => [String(t.id), t.name])])}
            {choose("Add label", (v) => apply({ labels: { add: [v], remove: [] } }), labels)}
            {choose("Remove label", (v) => apply({ labels: { add: [], remove: [v] } }), labels)}
            {choose("Mark as", (v) => apply({ read: v as "read" | "unread" }), [["read", "Read"], ["unread", "Unread"]])}
            {/* A macro runs on rows picked one by one (at most a page), not on "all matching". */}
            {!selection.allMatching ? (
              <BulkMacroPicker
                accountId={accountId}
                displayIds={[...selection.selected]}
                disabled={active || pending}
                onOutcome={(o) => {
                  setMacroOutcome(o);
                  selection.clear();
                }}
              />
            ) : null}
          </div>
        </>
      ) : null}
      {run ? (
        <div className="flex items-center gap-2" aria-live="polite">
          {progress?.finished ? (
            <>
              <span data-testid="bulk-summary" className="font-medium text-slate-800">
                {summaryOf(progress)}
              </span>
              <button type="button" className="ml-auto text-slate-500 hover:underline" onClick={() => setRun(null)}>
                Dismiss
              </button>
            </>
          ) : (
            <>
              <progress className="h-2 flex-1" aria-label="Bulk action progress" max={progress?.total || 1} value={progress?.done ?? 0} />
              <span className="text-slate-600">{progress ? `${progress.done} of ${progress.total}` : "Starting…"}</span>
            </>
          )}
        </div>
      ) : null}
      {macroOutcome ? <MacroOutcomeView outcome={macroOutcome} onDismiss={() => setMacroOutcome(null)} /> : null}
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
