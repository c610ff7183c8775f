"use client";

import { useActionState } from "react";
import { AuthError, authButtonClass } from "@/components/auth/auth-card";
import { AuthField } from "@/components/auth/password-fields";
import { acceptAsNewUserAction, acceptInvitationAction } from "../invitation-actions";

export function AcceptSignedInForm({ token, email }: { token: string; email: string }) {
  const [state, formAction, isPending] = useActionState(acceptInvitationAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-700">You are signed in as {email}.</p>
      {state && !state.ok ? <AuthError>{state.error}</AuthError> : null}
      <button type="submit" disabled={isPending} className={authButtonClass}>
        Accept invitation
      </button>
    </form>
  );
}

export function AcceptAsNewUserForm({ token, name }: { token: string; name: string }) {
  const [state, formAction, isPending] = useActionState(acceptAsNewUserAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <AuthField id="name" label="Your name" autoComplete="name" defaultValue={name} />
      <AuthField id="password" label="Password" type="password" autoComplete="new-password" minLength={8} />
      {state && !state.ok ? <AuthError>{state.error}</AuthError> : null}
      <button type="submit" disabled={isPending} className={authButtonClass}>
        Set password and join
      </button>
    </form>
  );
}
