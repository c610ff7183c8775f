"use client";

import { useState, type FormEvent } from "react";
import { pollInboxNowAction, setInboxBackfillAction } from "@/app/_server/actions/email-inboxes";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/** Poll now: queues a poll at once; the health panel shows its result once it ran. */
export function PollNowButton({ accountId, inboxId }: { accountId: number; inboxId: number }) {
  const { run, pending, error } = useAction(pollInboxNowAction);
  const [queued, setQueued] = useState(false);
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={pending} onClick={() => run({ accountId, inboxId }, () => setQueued(true))}>
        {pending ? "Queuing…" : "Poll now"}
      </Button>
      {queued ? <p role="status" className="text-xs text-slate-500">Poll queued. Reload in a few seconds to see the result.</p> : null}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}

/** Backfill: import the mailbox's history since a date, in archive mode. */
export function BackfillForm({ accountId, inboxId, since }: { accountId: number; inboxId: number; since: string | null }) {
  const { run, pending, error } = useAction(setInboxBackfillAction);
  const [current, setCurrent] = useState(since);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const date = String(new FormData(e.currentTarget).get("since") ?? "");
    run({ accountId, inboxId, since: date || null }, (r) => setCurrent(r.backfillSince));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3 p-5">
      <Field
        id="backfill-since"
        label="Import history since"
        hint="Older mail in the folder is imported as resolved conversations, without automations or auto-replies."
      >
        <Input id="backfill-since" name="since" type="date" required max={new Date().toISOString().slice(0, 10)} className="max-w-xs" />
      </Field>
      {current ? <p className="text-sm text-slate-600">Backfill from {current.slice(0, 10)} is scheduled or running.</p> : null}
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Starting…" : "Start backfill"}
      </Button>
    </form>
  );
}
