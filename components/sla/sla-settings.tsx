"use client";

import { useState, type FormEvent } from "react";
import { deleteSlaPolicyAction, saveSlaPolicyAction } from "@/app/_server/actions/sla";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { span } from "./sla-clock";

export type SlaPolicyView = {
  id: number;
  name: string;
  description: string | null;
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  onlyDuringBusinessHours: boolean;
};

const UNITS = [
  { value: "60", name: "minutes" },
  { value: "3600", name: "hours" },
  { value: "86400", name: "days" },
  { value: "1", name: "seconds" },
];
const TARGETS = [
  { key: "first_response_time_threshold", field: "firstResponseSeconds", label: "First response within" },
  { key: "next_response_time_threshold", field: "nextResponseSeconds", label: "Next response within" },
  { key: "resolution_time_threshold", field: "resolutionSeconds", label: "Resolved within" },
] as const;

/** The largest unit that divides a target exactly, so an edit shows what was typed ("4 hours"). */
function inUnits(seconds: number | null): { amount: string; unit: string } {
  if (seconds === null) return { amount: "", unit: "60" };
  for (const u of [86400, 3600, 60]) if (seconds > 0 && seconds % u === 0) return { amount: String(seconds / u), unit: String(u) };
  return { amount: String(seconds), unit: "1" };
}

/** Add or edit a policy: name, description, each target (optional) with its unit, business hours only. */
export function SlaPolicyForm({ accountId, policy, onDone }: { accountId: number; policy?: SlaPolicyView; onDone?: () => void }) {
  const save = useAction(saveSlaPolicyAction);
  const prefix = policy ? `sla-${policy.id}` : "new-sla";
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const body: Record<string, unknown> = {
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      only_during_business_hours: data.get("business") === "on",
    };
    for (const t of TARGETS) {
      const amount = String(data.get(`${t.key}-amount`) ?? "").trim();
      body[t.key] = amount === "" ? null : Number(amount) * Number(data.get(`${t.key}-unit`));
    }
    save.run({ accountId, policyId: policy?.id, policy: body }, () => (policy ? onDone?.() : form.reset()));
  };
  return (
    <form onSubmit={onSubmit} className="grid gap-4 p-5 sm:grid-cols-2" aria-label={policy ? `Edit SLA policy ${policy.name}` : "Add an SLA policy"}>
      <Field id={`${prefix}-name`} label="Name">
        <Input id={`${prefix}-name`} name="name" defaultValue={policy?.name} required maxLength={255} />
      </Field>
      <Field id={`${prefix}-description`} label="Description">
        <Input id={`${prefix}-description`} name="description" defaultValue={policy?.description ?? ""} />
      </Field>
      {TARGETS.map((t) => {
        const current = inUnits(policy ? policy[t.field] : null);
        return (
          <Field key={t.key} id={`${prefix}-${t.key}`} label={t.label} hint="Empty: no target.">
            <div className="flex gap-2">
              <Input id={`${prefix}-${t.key}`} name={`${t.key}-amount`} type="number" min={0} step="any" defaultValue={current.amount} className="w-28" />
              <Select aria-label={`${t.label} unit`} name={`${t.key}-unit`} defaultValue={current.unit} className="w-32">
                {UNITS.map((u) => (
                  <option key={u.value} value={u.value}>
                    {u.name}
                  </option>
                ))}
              </Select>
            </div>
          </Field>
        );
      })}
      <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
        <input type="checkbox" name="business" defaultChecked={policy?.onlyDuringBusinessHours ?? false} /> Count only during the inbox&apos;s business hours (nights, weekends and holidays do not count)
      </label>
      <EditFormActions noun="policy" editing={Boolean(policy)} pending={save.pending} error={save.error} onCancel={onDone} wide />
    </form>
  );
}

const targetText = (label: string, seconds: number | null) => (seconds === null ? null : `${label} ${span(seconds * 1000)}`);

export function SlaPolicyRow({ accountId, policy }: { accountId: number; policy: SlaPolicyView }) {
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteSlaPolicyAction);
  if (editing) return <SlaPolicyForm accountId={accountId} policy={policy} onDone={() => setEditing(false)} />;
  const targets = [targetText("First response", policy.firstResponseSeconds), targetText("next response", policy.nextResponseSeconds), targetText("resolution", policy.resolutionSeconds)].filter(Boolean);
  return (
    <div className="flex items-center gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-slate-900">{policy.name}</p>
        <p className="mt-0.5 truncate text-xs text-slate-500">
          {targets.length ? targets.join(" · ") : "No targets"}
          {policy.onlyDuringBusinessHours ? " · business hours only" : ""}
        </p>
        {policy.description ? <p className="mt-0.5 truncate text-xs text-slate-500">{policy.description}</p> : null}
      </div>
      <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit SLA policy ${policy.name}`}>
        Edit
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={remove.pending}
        aria-label={`Delete SLA policy ${policy.name}`}
        onClick={() => {
          if (window.confirm(`Delete the SLA policy "${policy.name}"? Its conversations are no longer under an SLA.`)) remove.run({ accountId, policyId: policy.id });
        }}
      >
        Delete
      </Button>
      {remove.error ? <Alert>{remove.error}</Alert> : null}
    </div>
  );
}
