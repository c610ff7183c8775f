"use client";

import { useState, type FormEvent } from "react";
import { setContactAttributeAction, setContactLabelsAction, setConversationAttributeAction } from "@/app/_server/actions/organize";
import { LabelChip } from "@/components/labels/label-chip";
import { useOrganize, type OrganizeData } from "@/components/labels/organize-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

type Definition = OrganizeData["definitions"][number];
type Value = string | number | boolean | null;

/**
 * The side panel's custom attributes of the conversation and of its contact, and the contact's
 * labels, each editable in place (Settings → Custom attributes defines them).
 */
export function AttributesPanel({ displayId, customAttributes }: { displayId: number; customAttributes: Record<string, unknown> }) {
  const organize = useOrganize();
  const conversationAction = useAction(setConversationAttributeAction);
  if (!organize) return null;
  const conversationDefs = organize.definitions.filter((d) => d.model === "conversation_attribute");
  return (
    <>
      <section className="border-t border-slate-200 px-5 py-4" aria-label="Conversation attributes">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Conversation attributes</h3>
        {conversationDefs.length === 0 ? <p className="mt-2 text-xs text-slate-500">None defined (Settings → Custom attributes).</p> : null}
        <dl className="mt-2 space-y-2">
          {conversationDefs.map((d) => (
            <AttributeEditor
              key={d.key}
              definition={d}
              value={customAttributes[d.key]}
              state={conversationAction}
              onSave={(value, done) => conversationAction.run({ accountId: organize.accountId, displayId, key: d.key, value }, done)}
            />
          ))}
        </dl>
      </section>
      <ContactAttributes />
    </>
  );
}

/**
 * The open contact's labels and custom attributes, editable: in the conversation's side panel and
 * on the contact page (both under an OrganizeProvider naming the contact).
 */
export function ContactAttributes({ title = "Contact" }: { title?: string }) {
  const organize = useOrganize();
  const contactAction = useAction(setContactAttributeAction);
  if (!organize?.contact) return null;
  const contactDefs = organize.definitions.filter((d) => d.model === "contact_attribute");
  const contact = organize.contact;
  return (
        <section className="border-t border-slate-200 px-5 py-4" aria-label="Contact attributes">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
          <ContactLabels accountId={organize.accountId} contactId={contact.id} labels={contact.labels} all={organize.labels} />
          <dl className="mt-2 space-y-2">
            {contactDefs.map((d) => (
              <AttributeEditor
                key={d.key}
                definition={d}
                value={contact.customAttributes[d.key]}
                state={contactAction}
                onSave={(value, done) => contactAction.run({ accountId: organize.accountId, contactId: contact.id, key: d.key, value }, done)}
              />
            ))}
          </dl>
        </section>
  );
}

function AttributeEditor({
  definition: d,
  value,
  state,
  onSave,
}: {
  definition: Definition;
  value: unknown;
  state: { pending: boolean; error: string | null };
  onSave: (value: Value, done: () => void) => void;
}) {
  const [editing, setEditing] = useState(false);
  const id = `attr-${d.model}-${d.key}`;
  const run = (v: Value) => onSave(v, () => setEditing(false));
  const { pending } = state;
  const error = editing ? state.error : null;
  const shown = value === undefined || value === null || value === "" ? null : d.type === "checkbox" ? (value ? "Yes" : "No") : String(value);
  if (d.type === "checkbox") {
    return (
      <div className="flex items-center justify-between gap-2 text-sm">
        <dt className="text-slate-500">
          <label htmlFor={id}>{d.name}</label>
        </dt>
        <dd>
          <input id={id} type="checkbox" checked={value === true} disabled={pending} onChange={(e) => run(e.target.checked)} />
        </dd>
      </div>
    );
  }
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const raw = String(new FormData(e.currentTarget).get("value") ?? "").trim();
    if (raw === "") return run(null);
    if (d.type === "number" || d.type === "currency" || d.type === "percent") {
      const n = Number(raw);
      return run(Number.isFinite(n) ? n : raw);
    }
    run(raw);
  };
  return (
    <div className="text-sm">
      <dt className="text-slate-500">{d.name}</dt>
      <dd className="mt-0.5">
        {editing ? (
          <form onSubmit={onSubmit} className="flex gap-1" aria-label={`Edit ${d.name}`}>
            {d.type === "list" ? (
              <Select id={id} name="value" defaultValue={shown ?? ""} className="h-8 text-xs" aria-label={d.name}>
                <option value="">—</option>
                {d.values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                id={id}
                name="value"
                aria-label={d.name}
                className="h-8 text-xs"
                defaultValue={shown ?? ""}
                type={d.type === "date" ? "date" : d.type === "link" ? "url" : d.type === "text" ? "text" : "number"}
                step={d.type === "number" || d.type === "currency" || d.type === "percent" ? "any" : undefined}
                pattern={d.type === "text" && d.regexPattern ? d.regexPattern : undefined}
              />
            )}
            <Button type="submit" size="sm" disabled={pending}>
              Save
            </Button>
          </form>
        ) : (
          <button type="button" className="w-full truncate rounded px-1 py-0.5 text-left text-slate-800 hover:bg-slate-50" onClick={() => setEditing(true)} aria-label={`Edit ${d.name}`}>
            {shown ?? <span className="text-slate-400">Not set</span>}
          </button>
        )}
        {error ? <Alert>{error}</Alert> : null}
      </dd>
    </div>
  );
}

function ContactLabels({ accountId, contactId, labels, all }: { accountId: number; contactId: number; labels: string[]; all: OrganizeData["labels"] }) {
  const action = useAction(setContactLabelsAction);
  const [optimistic, setOptimistic] = useState<string[] | null>(null);
  const shown = action.error ? labels : (optimistic ?? labels);
  const toggle = (title: string, on: boolean) => {
    const next = on ? [...shown, title] : shown.filter((t) => t !== title);
    setOptimistic(next);
    action.run({ accountId, contactId, labels: next }, () => setOptimistic(null));
  };
  return (
    <div className="mt-2">
      <div className="flex flex-wrap gap-1">
        {shown.map((t) => (
          <LabelChip key={t} title={t} color={all.find((l) => l.title === t)?.color} />
        ))}
      </div>
      {all.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-brand-600">Contact labels</summary>
          <div role="group" aria-label="Labels of this contact" className="mt-1 space-y-0.5">
            {all.map((l) => (
              <label key={l.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={shown.includes(l.title)} onChange={(e) => toggle(l.title, e.target.checked)} />
                <LabelChip title={l.title} color={l.color} />
              </label>
            ))}
          </div>
        </details>
      ) : null}
      {action.error ? <Alert>{action.error}</Alert> : null}
    </div>
  );
}
