"use client";

import { useState, type FormEvent } from "react";
import { updateInboxAssignmentAction } from "@/app/_server/actions/assignment";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/** Inbox settings: automatic assignment on or off, and how many open conversations each agent takes. */
export function InboxAssignmentForm({
  accountId,
  inboxId,
  enabled,
  limit,
  canEdit,
}: {
  accountId: number;
  inboxId: number;
  enabled: boolean;
  limit: number | null;
  canEdit: boolean;
}) {
  const { run, pending, error } = useAction(updateInboxAssignmentAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const form = new FormData(e.currentTarget);
    const raw = String(form.get("limit") ?? "").trim();
    run({ accountId, inboxId, enableAutoAssignment: form.get("enabled") === "on", autoAssignmentLimit: raw === "" ? null : Number(raw) }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label="Assignment">
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="enabled" defaultChecked={enabled} disabled={!canEdit} className="mt-0.5" />
        <span>
          Assign conversations automatically
          <span className="block text-xs text-slate-500">
            New and reopened conversations go in turn to members who are online and have room; busy and offline members are skipped. Conversations
            nobody could take wait, oldest first, until someone comes online or frees a place.
          </span>
        </span>
      </label>
      <Field id="inbox-assignment-limit" label="Open conversations per agent" hint="Automatic assignment stops at this many open conversations per agent in this inbox. Blank: no limit.">
        <Input id="inbox-assignment-limit" name="limit" type="number" min={1} max={10000} defaultValue={limit ?? ""} disabled={!canEdit} className="w-32" />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Assignment settings saved.</Alert> : null}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      ) : null}
    </form>
  );
}
