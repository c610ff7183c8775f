"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { deleteInboxAction } from "@/app/_server/actions/delete-inbox";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

const conversationsText = (n: number) => (n === 1 ? "1 conversation" : `${n.toLocaleString("en")} conversations`);

/**
 * The inbox page's danger zone (administrators): deleting takes every conversation of the inbox
 * with it, so the admin first sees how many and types the inbox's name, as GitHub asks for a
 * repository's. Afterwards the inboxes list is shown, refreshed so the sidebar drops it too.
 */
export function DeleteInbox({ accountId, inboxId, name, conversationCount }: { accountId: number; inboxId: number; name: string; conversationCount: number }) {
  const router = useRouter();
  const { run, pending, error } = useAction(deleteInboxAction);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === name.trim();

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!matches) return;
    run({ accountId, inboxId }, () => {
      router.replace(`/app/accounts/${accountId}/settings/inboxes`);
      router.refresh();
    });
  };

  if (!confirming) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-4 p-5">
        <p className="text-sm text-slate-600">Deleting this inbox also deletes its {conversationsText(conversationCount)}. Contacts stay.</p>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete inbox…
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label="Confirm deleting the inbox" className="space-y-4 p-5">
      <Alert>
        This permanently deletes <strong>{name}</strong> and its {conversationsText(conversationCount)}, with their messages, attachments and stored
        mail. Its mailbox is no longer read. Contacts stay. This cannot be undone.
      </Alert>
      <Field id="delete-inbox-name" label={`Type the inbox name (${name}) to confirm`}>
        <Input id="delete-inbox-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={!matches || pending}>
          {pending ? "Deleting…" : "Delete this inbox"}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setConfirming(false);
            setTyped("");
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
