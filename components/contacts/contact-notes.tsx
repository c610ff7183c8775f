"use client";

import { useState, type FormEvent } from "react";
import { addContactNoteAction, deleteContactNoteAction, setContactBlockedAction } from "@/app/_server/actions/contacts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { DATE_TIME } from "@/components/format";
import { LocalTime } from "@/components/ui/local-time";
import { useAction } from "@/components/use-action";

export type ContactNoteItem = { id: number; content: string; authorName: string | null; createdAt: Date; canDelete: boolean };

/** Notes on a contact: newest first, added and removed in place (the action refreshes the page). */
export function ContactNotes({ accountId, contactId, notes }: { accountId: number; contactId: number; notes: ContactNoteItem[] }) {
  const add = useAction(addContactNoteAction);
  const remove = useAction(deleteContactNoteAction);
  const [draft, setDraft] = useState("");
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    add.run({ accountId, contactId, content: draft }, () => setDraft(""));
  };
  return (
    <div className="space-y-3 p-5">
      <form onSubmit={onSubmit} className="space-y-2">
        <label htmlFor="contact-note" className="sr-only">
          New note
        </label>
        <Textarea id="contact-note" rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Add a note about this contact" />
        {add.error ? <Alert>{add.error}</Alert> : null}
        <Button type="submit" size="sm" disabled={add.pending || draft.trim() === ""}>
          {add.pending ? "Adding…" : "Add note"}
        </Button>
      </form>
      {remove.error ? <Alert>{remove.error}</Alert> : null}
      {notes.length === 0 ? (
        <p className="text-sm text-slate-500">No notes yet.</p>
      ) : (
        <ul aria-label="Notes" className="space-y-3">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md bg-amber-50 p-3 text-sm">
              <p className="whitespace-pre-wrap break-words text-slate-800">{n.content}</p>
              <p className="mt-1 flex items-center justify-between gap-2 text-xs text-slate-500">
                <span className="min-w-0 truncate">
                  {n.authorName ?? "A former agent"} · <LocalTime date={n.createdAt} pattern={DATE_TIME} />
                </span>
                {n.canDelete ? (
                  <button type="button" className="shrink-0 underline" disabled={remove.pending} onClick={() => remove.run({ accountId, contactId, noteId: n.id })}>
                    Delete
                  </button>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Block or unblock: a blocked contact's mail is kept but opens no conversation. */
export function BlockContactButton({ accountId, contactId, blocked }: { accountId: number; contactId: number; blocked: boolean }) {
  const { run, pending, error } = useAction(setContactBlockedAction);
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" size="sm" disabled={pending} onClick={() => run({ accountId, contactId, blocked: !blocked })}>
        {blocked ? "Unblock contact" : "Block contact"}
      </Button>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
