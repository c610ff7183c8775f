"use client";

import { useActionState } from "react";
import { AuthError, authButtonClass } from "@/components/auth/auth-card";
import { AuthField } from "@/components/auth/password-fields";
import { resetPasswordAction } from "../password-reset-actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, isPending] = useActionState(resetPasswordAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <AuthField id="password" label="New password" type="password" autoComplete="new-password" minLength={8} />
      {state && !state.ok ? <AuthError>{state.error}</AuthError> : null}
      <button type="submit" disabled={isPending} className={authButtonClass}>
        Set new password
      </button>
    </form>
  );
}
