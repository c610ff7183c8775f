"use client";

import type { FormEvent } from "react";
import { changePasswordAction } from "@/app/_server/actions/profile";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/** On success every session ends, this one included, and the action sends the user to sign in. */
export function ChangePasswordForm() {
  const { run, pending, error } = useAction(changePasswordAction);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    run({ currentPassword: String(data.get("currentPassword") ?? ""), newPassword: String(data.get("newPassword") ?? "") });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="current-password" label="Current password">
          <Input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
        </Field>
        <Field id="new-password" label="New password" hint="At least 8 characters. You will sign in again everywhere.">
          <Input id="new-password" name="newPassword" type="password" autoComplete="new-password" required minLength={8} />
        </Field>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
