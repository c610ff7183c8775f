"use client";

import { useActionState } from "react";
import { signOutPageAction } from "../actions";

export function SignOutForm() {
  const [state, formAction, isPending] = useActionState(signOutPageAction, null);
  return (
    <form action={formAction}>
      <p className="mb-4 text-sm text-slate-600">Sign out of Postdesk on this browser?</p>
      {state && !state.ok ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={isPending} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white">
        Sign out
      </button>
    </form>
  );
}
