"use client";

import { useState, type FormEvent } from "react";
import { setCsatSurveyEnabledAction } from "@/app/_server/actions/csat";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { CSAT_EDIT_WINDOW_DAYS } from "@/lib/csat/rules";

/** Inbox settings: send a satisfaction survey when a conversation is resolved (email inboxes). */
export function InboxCsatForm({ accountId, inboxId, enabled, canEdit }: { accountId: number; inboxId: number; enabled: boolean; canEdit: boolean }) {
  const { run, pending, error } = useAction(setCsatSurveyEnabledAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    run({ accountId, inboxId, enabled: new FormData(e.currentTarget).get("enabled") === "on" }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label="Customer satisfaction">
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="enabled" defaultChecked={enabled} disabled={!canEdit} className="mt-0.5" />
        <span>
          Send a satisfaction survey when a conversation is resolved
          <span className="block text-xs text-slate-500">
            One automatic mail per conversation, in its thread, with a 1–5 rating and an optional comment the customer can change for {CSAT_EDIT_WINDOW_DAYS} days.
            Never sent to automatic senders or addresses that bounced.
          </span>
        </span>
      </label>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Survey setting saved.</Alert> : null}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      ) : null}
    </form>
  );
}
