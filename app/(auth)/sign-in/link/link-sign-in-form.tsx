"use client";

import { useActionState } from "react";
import { signInWithLinkAction } from "../../actions";

export function LinkSignInForm({ email, token }: { email: string; token: string }) {
  const [state, formAction, isPending] = useActionState(signInWithLinkAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="token" value={token} />
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={isPending}
        className="rounded-md bg-blue-600 px-3 py-2 text-sm font-semibold text-white hover:bg-blue-700 disabled:opacity-60"
      >
        {isPending ? "Signing in…" : "Continue"}
      </button>
    </form>
  );
}
