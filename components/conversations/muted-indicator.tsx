"use client";

import { BellOff } from "lucide-react";
import { setMutedAction } from "@/app/_server/actions/automation";
import { useAction } from "@/components/use-action";

/**
 * "Muted" in the conversation header while its contact is blocked (Chatwoot's mute: their
 * messages are kept but reopen nothing and notify nobody), with Unmute beside it.
 */
export function MutedIndicator({ accountId, displayId, muted }: { accountId: number; displayId: number; muted: boolean }) {
  const unmute = useAction(setMutedAction);
  if (!muted) return null;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs">
      <span data-testid="muted-indicator" className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-800" title="The contact is blocked: their messages reopen nothing and notify nobody">
        <BellOff className="size-3" aria-hidden="true" />
        Muted
      </span>
      <button type="button" className="text-brand-700 hover:underline disabled:opacity-50" disabled={unmute.pending} onClick={() => unmute.run({ accountId, displayId, muted: false })}>
        Unmute
      </button>
      {unmute.error ? (
        <span role="alert" className="text-red-700">
          {unmute.error}
        </span>
      ) : null}
    </span>
  );
}
