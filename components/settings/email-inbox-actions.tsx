"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { pollInboxNowAction, setInboxBackfillAction } from "@/app/_server/actions/email-inboxes";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useLive, useLiveEvents } from "@/components/realtime/live-refresh";
import { useAction } from "@/components/use-action";
import { pollResultWords } from "@/lib/inboxes/poll-result-words";
import type { InboxPolledPayload } from "@/lib/realtime/payloads";

/** After this long without a result, stop promising one (the health panel still shows it). */
const RESULT_PATIENCE_MS = 120_000;

/**
 * Poll now: queues a poll at once; the screen is live, so the result (inbox.polled with our
 * request id, lib/inboxes/poll-result.ts) replaces "Checking…" when the poll has finished, and
 * the health panel refreshes with it. Without a live connection, it says to reload.
 */
export function PollNowButton({ accountId, inboxId }: { accountId: number; inboxId: number }) {
  const { run, pending, error } = useAction(pollInboxNowAction);
  const live = useLive();
  const isLive = live?.pusher != null;
  const [waitingFor, setWaitingFor] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  // A fast poll can finish before the action's answer arrives: keep what was heard meanwhile.
  const heard = useRef(new Map<string, InboxPolledPayload>());

  const show = (result: InboxPolledPayload) => {
    setWaitingFor(null);
    setStatus({ text: pollResultWords(result), failed: !result.ok });
  };
  useLiveEvents((name, data, replayed) => {
    if (name !== "inbox.polled") return;
    const result = data as InboxPolledPayload;
    if (result?.inboxId !== inboxId || typeof result.requestId !== "string") return;
    heard.current.set(result.requestId, result);
    // The health panel above is server-rendered: this page (only) re-renders for the result.
    if (!replayed) live?.refresh();
    if (result.requestId === waitingFor) show(result);
  });
  useEffect(() => {
    if (!waitingFor) return;
    const timer = window.setTimeout(() => {
      setWaitingFor(null);
      setStatus({ text: "The poll has not finished yet: its result will show in the health panel above.", failed: false });
    }, RESULT_PATIENCE_MS);
    return () => window.clearTimeout(timer);
  }, [waitingFor]);

  const onClick = () =>
    run({ accountId, inboxId }, ({ requestId }) => {
      const early = heard.current.get(requestId);
      if (early) return show(early);
      if (!isLive) return setStatus({ text: "Poll queued. Reload in a few seconds to see the result.", failed: false });
      setStatus(null);
      setWaitingFor(requestId);
    });

  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={pending || waitingFor !== null} onClick={onClick}>
        {pending ? "Queuing…" : waitingFor ? "Checking…" : "Poll now"}
      </Button>
      {waitingFor ? (
        <p role="status" className="text-xs text-slate-500">
          Checking for new mail… The result shows here when it is done.
        </p>
      ) : null}
      {status ? (
        <p role="status" className={status.failed ? "text-xs text-red-700" : "text-xs text-slate-600"}>
          {status.text}
        </p>
      ) : null}
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
