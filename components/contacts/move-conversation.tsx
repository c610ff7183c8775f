"use client";

import { useState } from "react";
import { moveConversationAction } from "@/app/_server/actions/contacts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import { ContactPicker, contactLabel, type PickedContact } from "./contact-picker";

/**
 * The side panel's "Move to another contact": mail from a colleague's address, a wrong match. Pick
 * the contact, confirm; the conversation (and its address in the inbox) becomes theirs.
 */
export function MoveConversation({ accountId, displayId, contactId }: { accountId: number; displayId: number; contactId: number }) {
  const { run, pending, error } = useAction(moveConversationAction);
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<PickedContact | null>(null);
  return (
    <section className="border-t border-slate-200 px-5 py-4" aria-label="Move to another contact">
      {!open ? (
        <button type="button" className="text-sm font-medium text-brand-600 hover:underline" onClick={() => setOpen(true)}>
          Move to another contact
        </button>
      ) : target ? (
        <div className="space-y-2 text-sm">
          <p className="text-slate-700">
            Move conversation #{displayId} to <strong>{contactLabel(target)}</strong>? Its messages keep their senders.
          </p>
          <div className="flex gap-2">
            <Button type="button" size="sm" disabled={pending} onClick={() => run({ accountId, displayId, contactId: target.id }, () => (setOpen(false), setTarget(null)))}>
              {pending ? "Moving…" : "Move"}
            </Button>
            <Button type="button" size="sm" variant="secondary" disabled={pending} onClick={() => setTarget(null)}>
              Back
            </Button>
          </div>
        </div>
      ) : (
        <div className="space-y-2">
          <ContactPicker accountId={accountId} excludeId={contactId} label="Move to contact" onPick={setTarget} />
          <button type="button" className="text-xs text-slate-500 hover:underline" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      )}
      {error ? <Alert className="mt-2">{error}</Alert> : null}
    </section>
  );
}
