"use client";

import { useState, type FormEvent } from "react";
import { saveInboxCsatAction } from "@/app/_server/actions/csat-config";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { CSAT_EDIT_WINDOW_DAYS, SURVEY_MESSAGE } from "@/lib/csat/rules";

/** Inbox settings: send a satisfaction survey when a conversation is resolved (email inboxes), its message and look. */
export function InboxCsatForm({
  accountId,
  inboxId,
  enabled,
  config = {},
  canEdit,
}: {
  accountId: number;
  inboxId: number;
  enabled: boolean;
  config?: { display_type?: "emoji" | "star"; message?: string };
  canEdit: boolean;
}) {
  const { run, pending, error } = useAction(saveInboxCsatAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const form = new FormData(e.currentTarget);
    run(
      {
        accountId,
        inboxId,
        enabled: form.get("enabled") === "on",
        displayType: form.get("display_type") === "star" ? "star" : "emoji",
        message: String(form.get("message") ?? ""),
      },
      () => setSaved(true),
    );
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
      <Field id={`csat-message-${inboxId}`} label="Survey message" hint={`Starts the survey mail and shows in the thread. Empty: “${SURVEY_MESSAGE}”.`}>
        <Textarea id={`csat-message-${inboxId}`} name="message" rows={2} maxLength={1000} defaultValue={config.message ?? ""} disabled={!canEdit} placeholder={SURVEY_MESSAGE} />
      </Field>
      <Field id={`csat-display-${inboxId}`} label="Rating shown as" hint="For survey clients that read Chatwoot's display_type.">
        <Select id={`csat-display-${inboxId}`} name="display_type" defaultValue={config.display_type ?? "emoji"} disabled={!canEdit}>
          <option value="emoji">Emoji faces</option>
          <option value="star">Stars</option>
        </Select>
      </Field>
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
