"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { mergeContactsAction, previewMergeAction } from "@/app/_server/actions/contacts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import type { MergePreview } from "@/lib/contacts/merge-preview";
import { ContactPicker, contactLabel } from "./contact-picker";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * The contact page's merge: pick the contact to merge this one into, see what moves, confirm.
 * This contact (the mergee) is then gone and the page shows the one it was merged into.
 */
export function MergeContact({ accountId, contactId }: { accountId: number; contactId: number }) {
  const router = useRouter();
  const previewing = useAction(previewMergeAction);
  const merging = useAction(mergeContactsAction);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const pick = (baseContactId: number) => previewing.run({ accountId, baseContactId, mergeeContactId: contactId }, setPreview);
  if (!preview) {
    return (
      <div className="space-y-2 p-5">
        <p className="text-sm text-slate-600">The same person under two contacts? Merge this one into the other: its conversations, addresses, notes and labels move there.</p>
        <ContactPicker accountId={accountId} excludeId={contactId} label="Contact to merge into" onPick={(c) => pick(c.id)} />
        {previewing.error ? <Alert>{previewing.error}</Alert> : null}
      </div>
    );
  }
  const into = contactLabel(preview.base);
  return (
    <div className="space-y-3 p-5" aria-label="Merge preview">
      <p className="text-sm text-slate-800">
        Merge <strong>{contactLabel(preview.mergee)}</strong> into <strong>{into}</strong>?
      </p>
      <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-600">
        <li>{plural(preview.conversations, "conversation")} move to {into}</li>
        <li>
          {plural(preview.addresses, "address")}, {plural(preview.notes, "note")} and {plural(preview.labels, "label")} move too
        </li>
        {preview.fills.length > 0 ? <li>{into} takes this contact's {preview.fills.join(", ")}</li> : null}
        <li>This contact is then deleted; nothing it had is lost.</li>
      </ul>
      {merging.error ? <Alert>{merging.error}</Alert> : null}
      <div className="flex gap-2">
        <Button
          type="button"
          disabled={merging.pending}
          onClick={() => merging.run({ accountId, baseContactId: preview.base.id, mergeeContactId: contactId }, (r) => router.push(`/app/accounts/${accountId}/contacts/${r.id}`))}
        >
          {merging.pending ? "Merging…" : "Merge contacts"}
        </Button>
        <Button type="button" variant="secondary" disabled={merging.pending} onClick={() => setPreview(null)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
