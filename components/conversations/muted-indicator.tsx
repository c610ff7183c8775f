"use client";

import { BellOff } from "lucide-react";
import { useState } from "react";
import { setMutedAction } from "@/app/_server/actions/automation";
import { useLiveEvents } from "@/components/realtime/live-refresh";
import { useAction } from "@/components/use-action";
import type { ContactBlockedChangedPayload } from "@/lib/realtime/payloads";

/**
 * "Muted" in the conversation header while its contact is blocked (Chatwoot's mute: their
 * messages are kept but reopen nothing and notify nobody), with Unmute beside it. A block or an
 * unblock made anywhere (the contact page, the API, another header) arrives as
 * `contact.blocked_changed` and wins over the rendered or row-patched `muted`: every change of the
 * flag sends one, so the newest of them (by the contact's version) is the contact as it is now.
 */
export function MutedIndicator({ accountId, displayId, contactId, muted: rendered }: { accountId: number; displayId: number; contactId?: number; muted: boolean }) {
  const unmute = useAction(setMutedAction);
  const [live, setLive] = useState<{ contactId: number; blocked: boolean; version: number } | null>(null);
  useLiveEvents((name, data) => {
    if (name !== "contact.blocked_changed" || contactId === undefined) return;
    const p = data as ContactBlockedChangedPayload;
    if (p.accountId !== accountId || p.contactId !== contactId) return;
    setLive((current) => (current && current.contactId === contactId && current.version >= p.version ? current : { contactId, blocked: p.blocked, version: p.version }));
  });
  const muted = live && live.contactId === contactId ? live.blocked : rendered;
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
