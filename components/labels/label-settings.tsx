"use client";

import { useState, type FormEvent } from "react";
import { createLabelAction, deleteLabelAction, updateLabelAction } from "@/app/_server/actions/organize";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { LabelChip } from "./label-chip";

export type LabelView = { id: number; title: string; description: string | null; color: string; showOnSidebar: boolean };

/** Add a label, or edit one: title, description, colour, shown in the sidebar. */
export function LabelForm({ accountId, label, onDone }: { accountId: number; label?: LabelView; onDone?: () => void }) {
  const create = useAction(createLabelAction);
  const update = useAction(updateLabelAction);
  const { pending, error } = label ? update : create;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const input = {
      accountId,
      title: String(data.get("title") ?? ""),
      description: String(data.get("description") ?? ""),
      color: String(data.get("color") ?? "#1f93ff"),
      showOnSidebar: data.get("showOnSidebar") === "on",
    };
    if (label) update.run({ ...input, labelId: label.id }, () => onDone?.());
    else create.run(input, () => form.reset());
  };
  const prefix = label ? `label-${label.id}` : "new-label";
  return (
    <form onSubmit={onSubmit} className="grid gap-4 p-5 sm:grid-cols-2" aria-label={label ? `Edit label ${label.title}` : "Add a label"}>
      <Field id={`${prefix}-title`} label="Title" hint="Lower case, one word: letters, digits, - and _.">
        <Input id={`${prefix}-title`} name="title" defaultValue={label?.title} required pattern="[\p{L}\p{N}_\-]+" />
      </Field>
      <Field id={`${prefix}-color`} label="Colour">
        <Input id={`${prefix}-color`} name="color" type="color" defaultValue={label?.color ?? "#1f93ff"} className="w-20 p-1" />
      </Field>
      <div className="sm:col-span-2">
        <Field id={`${prefix}-description`} label="Description">
          <Input id={`${prefix}-description`} name="description" defaultValue={label?.description ?? ""} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
        <input type="checkbox" name="showOnSidebar" defaultChecked={label?.showOnSidebar ?? true} /> Show in the sidebar
      </label>
      <EditFormActions noun="label" editing={Boolean(label)} pending={pending} error={error} onCancel={onDone} wide />
    </form>
  );
}

export function LabelRow({ accountId, label }: { accountId: number; label: LabelView }) {
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteLabelAction);
  if (editing) return <LabelForm accountId={accountId} label={label} onDone={() => setEditing(false)} />;
  return (
    <div className="flex items-center gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <LabelChip title={label.title} color={label.color} />
        {label.description ? <p className="mt-1 truncate text-xs text-slate-500">{label.description}</p> : null}
      </div>
      {label.showOnSidebar ? <span className="text-xs text-slate-500">In sidebar</span> : null}
      <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit label ${label.title}`}>
        Edit
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={remove.pending}
        aria-label={`Delete label ${label.title}`}
        onClick={() => {
          if (window.confirm(`Delete the label "${label.title}"? It is removed from every conversation and contact.`)) remove.run({ accountId, labelId: label.id });
        }}
      >
        Delete
      </Button>
      {remove.error ? <Alert>{remove.error}</Alert> : null}
    </div>
  );
}
