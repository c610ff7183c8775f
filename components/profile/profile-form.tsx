"use client";

import { useState, type FormEvent } from "react";
import { updateProfileAction } from "@/app/_server/actions/profile";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

export function ProfileForm({ name, displayName, email }: { name: string; displayName: string | null; email: string }) {
  const { run, pending, error } = useAction(updateProfileAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setSaved(false);
    run({ name: String(data.get("name") ?? ""), displayName: String(data.get("displayName") ?? "") }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="profile-name" label="Full name">
          <Input id="profile-name" name="name" defaultValue={name} required />
        </Field>
        <Field id="profile-display-name" label="Display name" hint="Shown to customers and in activity lines, if set.">
          <Input id="profile-display-name" name="displayName" defaultValue={displayName ?? ""} />
        </Field>
      </div>
      <Field id="profile-email" label="Email">
        <Input id="profile-email" value={email} disabled readOnly />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Profile saved.</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
