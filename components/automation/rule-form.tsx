"use client";

import { useState, type FormEvent } from "react";
import { saveRuleAction } from "@/app/_server/actions/automation";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { ActionEditor } from "./action-editor";
import { ConditionEditor, type Group } from "./condition-editor";
import { MacroFileParam, type MacroFileName } from "./macro-file-param";
import { DryRun } from "./rule-log";
import { RULE_ACTION_NAMES, type EditorOptions, type StoredAction } from "./options";

export type RuleView = {
  id: number;
  name: string;
  description: string | null;
  eventName: string;
  active: boolean;
  tree: Group;
  actions: StoredAction[];
  thresholdMinutes: number | null;
  failureCount: number;
  lastError: string | null;
  /** The files its send_attachment actions keep (by id). */
  files?: MacroFileName[];
};

const EVENTS: { key: string; name: string }[] = [
  { key: "conversation_created", name: "Conversation created" },
  { key: "conversation_updated", name: "Conversation updated" },
  { key: "message_created", name: "Message created" },
  { key: "conversation_opened", name: "Conversation opened" },
  { key: "conversation_resolved", name: "Conversation resolved" },
  { key: "conversation_waiting", name: "Waiting N minutes without an agent reply" },
  { key: "conversation_pending", name: "Pending for N minutes" },
  { key: "snooze_ended", name: "Snooze time passed" },
  { key: "sla_breached", name: "SLA breached" },
];
export const eventName = (key: string) => EVENTS.find((e) => e.key === key)?.name ?? key;

/** Build or edit a rule: event → nested conditions → actions; a saved rule can be dry-run with the conditions being edited. */
export function RuleForm({ accountId, options, rule, onDone }: { accountId: number; options: EditorOptions; rule?: RuleView; onDone?: () => void }) {
  const save = useAction(saveRuleAction);
  const [event, setEvent] = useState(rule?.eventName ?? "message_created");
  const [tree, setTree] = useState<Group>(rule?.tree ?? { operator: "and", conditions: [] });
  const [actions, setActions] = useState<StoredAction[]>(rule?.actions ?? [{ action_name: "add_label", action_params: [] }]);
  const timed = event === "conversation_waiting" || event === "conversation_pending";
  const prefix = rule ? `rule-${rule.id}` : "new-rule";
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const body = {
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      event_name: event,
      condition_tree: tree,
      actions,
      active: data.get("active") === "on",
      time_threshold_minutes: timed ? Number(data.get("minutes") ?? 0) || null : null,
    };
    save.run({ accountId, ruleId: rule?.id, rule: body }, () => {
      if (!rule) {
        form.reset();
        setTree({ operator: "and", conditions: [] });
        setActions([{ action_name: "add_label", action_params: [] }]);
      }
      onDone?.();
    });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label={rule ? `Edit rule ${rule.name}` : "Add a rule"}>
      <div className="grid gap-4 md:grid-cols-2">
        <Field id={`${prefix}-name`} label="Rule name" error={save.fieldErrors.name?.[0]}>
          <Input id={`${prefix}-name`} name="name" defaultValue={rule?.name} required />
        </Field>
        <Field id={`${prefix}-event`} label="When">
          <Select id={`${prefix}-event`} value={event} onChange={(e) => setEvent(e.target.value)}>
            {EVENTS.map((e) => (
              <option key={e.key} value={e.key}>
                {e.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {timed ? (
        <Field id={`${prefix}-minutes`} label="After how many minutes">
          <Input id={`${prefix}-minutes`} name="minutes" type="number" min={1} defaultValue={rule?.thresholdMinutes ?? 60} required />
        </Field>
      ) : null}
      <Field id={`${prefix}-description`} label="Description">
        <Input id={`${prefix}-description`} name="description" defaultValue={rule?.description ?? ""} />
      </Field>
      <section aria-label="If">
        <h3 className="mb-2 text-sm font-medium text-slate-800">If</h3>
        <ConditionEditor value={tree} onChange={setTree} options={options} />
      </section>
      <section aria-label="Then">
        <h3 className="mb-2 text-sm font-medium text-slate-800">Then</h3>
        <ActionEditor
          names={RULE_ACTION_NAMES}
          options={options}
          value={actions}
          onChange={setActions}
          fileParam={(p) => <MacroFileParam accountId={accountId} owner="rule" known={rule?.files ?? []} {...p} />}
        />
      </section>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="active" defaultChecked={rule?.active ?? true} /> Active
      </label>
      <EditFormActions noun="rule" editing={Boolean(rule)} pending={save.pending} error={save.error} onCancel={onDone} />
      {rule ? <DryRun accountId={accountId} ruleId={rule.id} conditionTree={tree} /> : null}
    </form>
  );
}
