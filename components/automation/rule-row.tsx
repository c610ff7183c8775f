"use client";

import { useState } from "react";
import { deleteRuleAction, setRuleActiveAction } from "@/app/_server/actions/automation";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import type { EditorOptions } from "./options";
import { eventName, RuleForm, type RuleView } from "./rule-form";
import { RuleLog } from "./rule-log";

/** One rule in Settings → Automation: on/off, failures in view, edit, log, delete. */
export function RuleRow({ accountId, rule, options }: { accountId: number; rule: RuleView; options: EditorOptions }) {
  const [editing, setEditing] = useState(false);
  const toggle = useAction(setRuleActiveAction);
  const remove = useAction(deleteRuleAction);
  if (editing) return <RuleForm accountId={accountId} options={options} rule={rule} onDone={() => setEditing(false)} />;
  return (
    <div className="space-y-2 px-5 py-3" aria-label={`Rule ${rule.name}`}>
      <div className="flex flex-wrap items-center gap-3">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-slate-800">{rule.name}</p>
          <p className="text-xs text-slate-500">
            {eventName(rule.eventName)}
            {rule.thresholdMinutes ? ` (${rule.thresholdMinutes} min)` : ""}
          </p>
        </div>
        <Badge tone={rule.active ? "green" : "slate"}>{rule.active ? "Active" : "Off"}</Badge>
        {rule.failureCount > 0 ? <Badge tone="red">{rule.failureCount === 1 ? "1 failure" : `${rule.failureCount} failures`}</Badge> : null}
        <Button variant="secondary" size="sm" disabled={toggle.pending} onClick={() => toggle.run({ accountId, ruleId: rule.id, active: !rule.active })} aria-label={`${rule.active ? "Disable" : "Enable"} ${rule.name}`}>
          {rule.active ? "Disable" : "Enable"}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${rule.name}`}>
          Edit
        </Button>
        <Button
          variant="danger"
          size="sm"
          disabled={remove.pending}
          aria-label={`Delete ${rule.name}`}
          onClick={() => {
            if (window.confirm(`Delete the rule ${rule.name} and its log?`)) remove.run({ accountId, ruleId: rule.id });
          }}
        >
          Delete
        </Button>
      </div>
      {rule.lastError ? <Alert>Last failure: {rule.lastError}</Alert> : null}
      {toggle.error || remove.error ? <Alert>{toggle.error ?? remove.error}</Alert> : null}
      <RuleLog accountId={accountId} ruleId={rule.id} />
    </div>
  );
}
