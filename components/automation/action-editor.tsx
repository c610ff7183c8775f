"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { TeamMailParam } from "./team-mail-param";
import { ACTION_LABELS, type EditorOptions, type StoredAction } from "./options";

/** An ordered list of actions (Chatwoot's `{action_name, action_params}`), each with the input its parameter needs. */
export function ActionEditor({
  names,
  options,
  value,
  onChange,
  fileParam,
}: {
  names: string[];
  options: EditorOptions;
  value: StoredAction[];
  onChange: (next: StoredAction[]) => void;
  /** send_attachment's file picker. */
  fileParam?: (props: { label: string; value: unknown; onChange: (params: unknown[]) => void }) => ReactNode;
}) {
  const set = (i: number, a: StoredAction) => onChange(value.map((x, j) => (j === i ? a : x)));
  return (
    <div className="space-y-2">
      <ol className="space-y-2" aria-label="Actions">
        {value.map((a, i) => (
          <li key={i} className="flex flex-wrap items-center gap-2">
            <Select aria-label={`Action ${i + 1}`} value={a.action_name} onChange={(e) => set(i, { action_name: e.target.value, action_params: [] })} className="w-56">
              {names.map((n) => (
                <option key={n} value={n}>
                  {ACTION_LABELS[n] ?? n}
                </option>
              ))}
            </Select>
            <ActionParam action={a} options={options} onChange={(params) => set(i, { ...a, action_params: params })} index={i} fileParam={fileParam} />
            <Button type="button" variant="ghost" size="sm" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`Remove action ${i + 1}`}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button type="button" variant="secondary" size="sm" onClick={() => onChange([...value, { action_name: "add_label", action_params: [] }])}>
        Add action
      </Button>
    </div>
  );
}

function ActionParam({
  action,
  options,
  onChange,
  index,
  fileParam,
}: {
  action: StoredAction;
  options: EditorOptions;
  onChange: (params: unknown[]) => void;
  index: number;
  fileParam?: (props: { label: string; value: unknown; onChange: (params: unknown[]) => void }) => ReactNode;
}) {
  const label = `Action ${index + 1} value`;
  const current = action.action_params[0];
  const pick = (items: { value: string; name: string }[], extra: { value: string; name: string }[] = []) => (
    <Select aria-label={label} value={current === undefined ? "" : String(current)} onChange={(e) => onChange(e.target.value === "" ? [] : [isNumeric(e.target.value) ? Number(e.target.value) : e.target.value])} className="w-48">
      <option value="">Choose…</option>
      {[...extra, ...items].map((o) => (
        <option key={o.value} value={o.value}>
          {o.name}
        </option>
      ))}
    </Select>
  );
  switch (action.action_name) {
    case "assign_agent":
      return pick(options.agents.map((a) => ({ value: String(a.id), name: a.name })), [{ value: "nil", name: "Nobody (unassign)" }, { value: "last_responding_agent", name: "Last responding agent" }]);
    case "add_participant":
      return pick(options.agents.map((a) => ({ value: String(a.id), name: a.name })));
    case "assign_team":
      return pick(options.teams.map((t) => ({ value: String(t.id), name: t.name })), [{ value: "nil", name: "No team" }]);
    case "add_label":
    case "remove_label":
      return pick(options.labels.map((l) => ({ value: l, name: l })));
    case "change_status":
      return pick(["open", "pending", "resolved", "snoozed"].map((s) => ({ value: s, name: s })));
    case "add_sla":
      return pick((options.slaPolicies ?? []).map((p) => ({ value: String(p.id), name: p.name })));
    case "change_priority":
      return pick(["urgent", "high", "medium", "low"].map((p) => ({ value: p, name: p })), [{ value: "nil", name: "None" }]);
    case "send_message":
    case "add_private_note":
    case "send_webhook_event":
    case "send_email_transcript":
      return (
        <Input
          aria-label={label}
          className="min-w-64 flex-1"
          placeholder={action.action_name === "send_webhook_event" ? "https://…" : action.action_name === "send_email_transcript" ? "a@example.com, b@example.com" : "Text"}
          value={typeof current === "string" ? current : ""}
          onChange={(e) => onChange([e.target.value])}
        />
      );
    case "send_attachment":
      return fileParam ? fileParam({ label, value: current, onChange }) : null;
    case "send_email_to_team":
      return <TeamMailParam label={label} teams={options.teams} value={current} onChange={onChange} />;
  }
  return null;
}

const isNumeric = (v: string) => /^\d+$/.test(v);
