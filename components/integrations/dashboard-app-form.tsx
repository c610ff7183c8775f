"use client";

import { useState, type FormEvent } from "react";
import { createDashboardAppAction, deleteDashboardAppAction, updateDashboardAppAction } from "@/app/_server/actions/dashboard-apps";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditFormActions } from "@/components/ui/edit-form-actions";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

type App = { id: number; title: string; url: string };

/** Add a dashboard app, or edit one (title and URL). */
export function DashboardAppForm({ accountId, app, onDone }: { accountId: number; app?: App; onDone?: () => void }) {
  const create = useAction(createDashboardAppAction);
  const update = useAction(updateDashboardAppAction);
  const { pending, error } = app ? update : create;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const input = { accountId, title: String(data.get("title") ?? ""), url: String(data.get("url") ?? "") };
    if (app) update.run({ ...input, appId: app.id }, () => onDone?.());
    else create.run(input, () => form.reset());
  };
  const prefix = app ? `dashboard-app-${app.id}` : "new-dashboard-app";
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label={app ? `Edit ${app.title}` : "Add a dashboard app"}>
      <Field id={`${prefix}-title`} label="Title" hint="The tab's name in the conversation view.">
        <Input id={`${prefix}-title`} name="title" defaultValue={app?.title} required />
      </Field>
      <Field id={`${prefix}-url`} label="App URL" hint="Framed beside each conversation; it receives the conversation, contact and agent (see docs/integrations.md).">
        <Input id={`${prefix}-url`} name="url" type="url" placeholder="https://crm.example.com/panel" defaultValue={app?.url} required />
      </Field>
      <EditFormActions noun="app" editing={Boolean(app)} pending={pending} error={error} onCancel={onDone} />
    </form>
  );
}

/** One app in the list: edit in place, or delete. */
export function DashboardAppRow({ accountId, app }: { accountId: number; app: App }) {
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteDashboardAppAction);
  if (editing) return <DashboardAppForm accountId={accountId} app={app} onDone={() => setEditing(false)} />;
  return (
    <div className="flex items-center gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-800">{app.title}</p>
        <p className="truncate text-xs text-slate-500">{app.url}</p>
      </div>
      <Button variant="secondary" size="sm" onClick={() => setEditing(true)} aria-label={`Edit ${app.title}`}>
        Edit
      </Button>
      <Button
        variant="secondary"
        size="sm"
        disabled={remove.pending}
        aria-label={`Delete ${app.title}`}
        onClick={() => {
          if (window.confirm(`Delete the dashboard app "${app.title}"?`)) remove.run({ accountId, appId: app.id });
        }}
      >
        Delete
      </Button>
      {remove.error ? <Alert>{remove.error}</Alert> : null}
    </div>
  );
}
