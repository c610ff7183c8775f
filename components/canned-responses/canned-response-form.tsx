"use client";

import { useState, type FormEvent } from "react";
import { createCannedResponseAction, deleteCannedResponseAction, updateCannedResponseAction } from "@/app/_server/actions/canned-responses";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

type Response = { id: number; shortCode: string; content: string };

/** Add a canned response, or edit one (short code and content). */
export function CannedResponseForm({ accountId, response, onDone }: { accountId: number; response?: Response; onDone?: () => void }) {
  const create = useAction(createCannedResponseAction);
  const update = useAction(updateCannedResponseAction);
  const { pending, error } = response ? update : create;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const input = { accountId, shortCode: String(data.get("shortCode") ?? ""), content: String(data.get("content") ?? "") };
    if (response) update.run({ ...input, responseId: response.id }, () => onDone?.());
    else create.run(input, () => form.reset());
  };
  const prefix = response ? `canned-${response.id}` : "new-canned";
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label={response ? `Edit /${response.shortCode}` : "Add a canned response"}>
      <Field id={`${prefix}-code`} label="Short code" hint="One word; type / and this code in the composer.">
        <Input id={`${prefix}-code`} name="shortCode" defaultValue={response?.shortCode} required pattern="[^\s/]+" />
      </Field>
      <Field id={`${prefix}-content`} label="Content" hint="For example: Hi {{contact.first_name}}, {{agent.name}} here.">
        <Textarea id={`${prefix}-content`} name="content" rows={4} defaultValue={response?.content} required />
      </Field>
      <EditFormActions noun="response" editing={Boolean(response)} pending={pending} error={error} onCancel={onDone} />
    </form>
  );
}

/** One response in the list; its author and administrators may edit or delete it. */
export function CannedResponseRow({ accountId, response, editable }: { accountId: number; response: Response; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteCannedResponseAction);
  if (editing) return <CannedResponseForm accountId={accountId} response={response} onDone={() => setEditing(false)} />;
  return (
    <div className="flex items-start gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-mono text-sm font-medium text-slate-800">/{response.shortCode}</p>
        <p className="line-clamp-2 text-sm whitespace-pre-line text-slate-600">{response.content}</p>
      </div>
      {editable ? (
        <>
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit /${response.shortCode}`}>
            Edit
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={remove.pending}
            aria-label={`Delete /${response.shortCode}`}
            onClick={() => {
              if (window.confirm(`Delete the canned response /${response.shortCode}?`)) remove.run({ accountId, responseId: response.id });
            }}
          >
            Delete
          </Button>
        </>
      ) : null}
      {remove.error ? <Alert>{remove.error}</Alert> : null}
    </div>
  );
}
