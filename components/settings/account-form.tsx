"use client";

import { useState, type FormEvent } from "react";
import { updateAccountAction } from "@/app/_server/actions/settings";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

export function AccountForm({ accountId, name, canEdit }: { accountId: number; name: string; canEdit: boolean }) {
  const { run, pending, error } = useAction(updateAccountAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    run({ accountId, name: String(new FormData(e.currentTarget).get("name") ?? "") }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <Field id="account-name" label="Account name">
        <Input id="account-name" name="name" defaultValue={name} disabled={!canEdit} required />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Account saved.</Alert> : null}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      ) : null}
    </form>
  );
}
