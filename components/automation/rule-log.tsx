"use client";

import { useState } from "react";
import { dryRunRuleAction, ruleRunsAction } from "@/app/_server/actions/automation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import type { Group } from "./condition-editor";

type Run = { eventId: number; outcome: string; summary: string; at: string };
type DryRunRow = { eventId: number; displayId: number | null; wouldFire: boolean; explanation: string; happenedAt: string };

/** The rule's run log: why it fired or did not, newest first. */
export function RuleLog({ accountId, ruleId }: { accountId: number; ruleId: number }) {
  const load = useAction(ruleRunsAction);
  const [runs, setRuns] = useState<Run[] | null>(null);
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" size="sm" disabled={load.pending} onClick={() => load.run({ accountId, ruleId }, setRuns)}>
        {runs ? "Refresh log" : "Show run log"}
      </Button>
      {load.error ? <Alert>{load.error}</Alert> : null}
      {runs ? (
        runs.length === 0 ? (
          <p className="text-sm text-slate-500">No runs yet.</p>
        ) : (
          <ul aria-label="Run log" className="space-y-1 text-sm">
            {runs.map((r) => (
              <li key={r.eventId} className={r.outcome === "fired" ? "text-slate-800" : r.outcome === "failed" || r.outcome === "limited" ? "text-red-700" : "text-slate-500"}>
                <time className="mr-2 text-xs text-slate-400" dateTime={r.at}>
                  {new Date(r.at).toLocaleString()}
                </time>
                {r.summary}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

/** Which of the last 100 events of its kind the rule (as being edited) would have fired on. */
export function DryRun({ accountId, ruleId, conditionTree }: { accountId: number; ruleId: number; conditionTree?: Group }) {
  const run = useAction(dryRunRuleAction);
  const [rows, setRows] = useState<DryRunRow[] | null>(null);
  const fired = rows?.filter((r) => r.wouldFire).length ?? 0;
  return (
    <div className="space-y-2 border-t border-slate-100 pt-4">
      <Button type="button" variant="secondary" size="sm" disabled={run.pending} onClick={() => run.run({ accountId, ruleId, conditionTree }, setRows)}>
        Dry run
      </Button>
      {run.error ? <Alert>{run.error}</Alert> : null}
      {rows ? (
        <div>
          <p className="text-sm text-slate-700" role="status">
            Would have fired on {fired} of the last {rows.length} events.
          </p>
          <ul aria-label="Dry run" className="mt-1 max-h-64 space-y-1 overflow-y-auto text-sm">
            {rows.map((r) => (
              <li key={r.eventId} className={r.wouldFire ? "text-emerald-700" : "text-slate-500"}>
                {r.displayId !== null ? `#${r.displayId}` : "deleted"}: {r.wouldFire ? "would fire" : "would not fire"} — {r.explanation}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
