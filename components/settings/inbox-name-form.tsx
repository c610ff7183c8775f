"use client";

import { useState, type FormEvent } from "react";
import { updateInboxAction } from "@/app/_server/actions/settings";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

export function InboxNameForm({ accountId, inboxId, name, canEdit }: { accountId: number; inboxId: number; name: string; canEdit: boolean }) {
  const { run, pending, error } = useAction(updateInboxAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    run({ accountId, inboxId, name: String(new FormData(e.currentTarget).get("name") ?? "") }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <Field id="inbox-name" label="Inbox name">
        <Input id="inbox-name" name="name" defaultValue={name} disabled={!canEdit} required />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Inbox saved.</Alert> : null}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      ) : null}
    </form>
  );
}
