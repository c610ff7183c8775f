"use client";

import { useActionState } from "react";
import { AuthError, authButtonClass } from "@/components/auth/auth-card";
import { AuthField } from "@/components/auth/password-fields";
import { requestPasswordResetAction } from "../password-reset-actions";

export function ForgotPasswordForm() {
  const [state, formAction, isPending] = useActionState(requestPasswordResetAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {state.data.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <AuthField id="email" label="Email" type="email" autoComplete="username" />
      {state && !state.ok ? <AuthError>{state.error}</AuthError> : null}
      <button type="submit" disabled={isPending} className={authButtonClass}>
        Send reset link
      </button>
    </form>
  );
}
