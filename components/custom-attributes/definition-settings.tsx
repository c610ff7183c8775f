"use client";

import { useState, type FormEvent } from "react";
import { createDefinitionAction, deleteDefinitionAction, updateDefinitionAction } from "@/app/_server/actions/organize";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

export type DefinitionView = {
  id: number;
  attributeModel: "conversation_attribute" | "contact_attribute";
  attributeKey: string;
  attributeDisplayName: string;
  attributeDisplayType: "text" | "number" | "currency" | "percent" | "link" | "date" | "list" | "checkbox";
  attributeDescription: string | null;
  attributeValues: string[];
  regexPattern: string | null;
  regexCue: string | null;
};

const TYPES = [
  ["text", "Text"],
  ["number", "Number"],
  ["link", "Link"],
  ["date", "Date"],
  ["list", "List"],
  ["checkbox", "Checkbox"],
  ["currency", "Currency"],
  ["percent", "Percent"],
] as const;

const keyOf = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "");

/** Add a definition (model, name, key, type, list values), or edit one (key and model stay). */
export function DefinitionForm({ accountId, definition, onDone }: { accountId: number; definition?: DefinitionView; onDone?: () => void }) {
  const create = useAction(createDefinitionAction);
  const update = useAction(updateDefinitionAction);
  const [type, setType] = useState<DefinitionView["attributeDisplayType"]>(definition?.attributeDisplayType ?? "text");
  const [key, setKey] = useState(definition?.attributeKey ?? "");
  const { pending, error } = definition ? update : create;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const fields = {
      accountId,
      attributeDisplayName: String(data.get("name") ?? ""),
      attributeDescription: String(data.get("description") ?? ""),
      attributeDisplayType: type,
      attributeValues: String(data.get("values") ?? "")
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
      regexPattern: String(data.get("regex") ?? ""),
      regexCue: "",
    };
    if (definition) update.run({ ...fields, definitionId: definition.id }, () => onDone?.());
    else
      create.run({ ...fields, attributeKey: key, attributeModel: data.get("model") === "contact_attribute" ? "contact_attribute" : "conversation_attribute" }, () => {
        form.reset();
        setKey("");
        setType("text");
      });
  };
  const prefix = definition ? `attribute-${definition.id}` : "new-attribute";
  return (
    <form onSubmit={onSubmit} className="grid gap-4 p-5 sm:grid-cols-2" aria-label={definition ? `Edit attribute ${definition.attributeDisplayName}` : "Add a custom attribute"}>
      {definition ? null : (
        <Field id={`${prefix}-model`} label="Applies to">
          <Select id={`${prefix}-model`} name="model" defaultValue="conversation_attribute">
            <option value="conversation_attribute">Conversations</option>
            <option value="contact_attribute">Contacts</option>
          </Select>
        </Field>
      )}
      <Field id={`${prefix}-type`} label="Type">
        <Select id={`${prefix}-type`} name="type" value={type} onChange={(e) => setType(e.target.value as DefinitionView["attributeDisplayType"])}>
          {TYPES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${prefix}-name`} label="Display name">
        <Input
          id={`${prefix}-name`}
          name="name"
          defaultValue={definition?.attributeDisplayName}
          required
          onChange={definition ? undefined : (e) => setKey(keyOf(e.target.value))}
        />
      </Field>
      <Field id={`${prefix}-key`} label="Key" hint={definition ? "The key stays what it was made with." : "What the API and automations use."}>
        <Input id={`${prefix}-key`} name="key" value={key} onChange={(e) => setKey(e.target.value)} disabled={Boolean(definition)} required />
      </Field>
      {type === "list" ? (
        <div className="sm:col-span-2">
          <Field id={`${prefix}-values`} label="Values" hint="Separated by commas.">
            <Input id={`${prefix}-values`} name="values" defaultValue={definition?.attributeValues.join(", ")} required />
          </Field>
        </div>
      ) : null}
      {type === "text" ? (
        <Field id={`${prefix}-regex`} label="Pattern (optional)" hint="A regular expression values must match.">
          <Input id={`${prefix}-regex`} name="regex" defaultValue={definition?.regexPattern ?? ""} />
        </Field>
      ) : null}
      <Field id={`${prefix}-description`} label="Description">
        <Input id={`${prefix}-description`} name="description" defaultValue={definition?.attributeDescription ?? ""} />
      </Field>
      <EditFormActions noun="attribute" editing={Boolean(definition)} pending={pending} error={error} onCancel={onDone} wide />
    </form>
  );
}

export function DefinitionRow({ accountId, definition }: { accountId: number; definition: DefinitionView }) {
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteDefinitionAction);
  if (editing) return <DefinitionForm accountId={accountId} definition={definition} onDone={() => setEditing(false)} />;
  const name = definition.attributeDisplayName;
  return (
    <div className="flex items-center gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-800">{name}</p>
        <p className="truncate text-xs text-slate-500">
          {definition.attributeKey} · {definition.attributeDisplayType}
          {definition.attributeDisplayType === "list" ? ` (${definition.attributeValues.join(", ")})` : ""}
        </p>
      </div>
      <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit attribute ${name}`}>
        Edit
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={remove.pending}
        aria-label={`Delete attribute ${name}`}
        onClick={() => {
          if (window.confirm(`Delete the attribute "${name}"? Values already stored stay on conversations and contacts.`)) remove.run({ accountId, definitionId: definition.id });
        }}
      >
        Delete
      </Button>
      {remove.error ? <Alert>{remove.error}</Alert> : null}
    </div>
  );
}
