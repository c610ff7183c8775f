"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  deleteWebhookAction,
  redeliverAction,
  redeliverFailedSinceAction,
  rotateWebhookSecretAction,
  sendWebhookTestAction,
  updateWebhookAction,
} from "@/app/_server/actions/webhooks";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

type Ids = { accountId: number; webhookId: number };

/** The signing secret: hidden until revealed; rotating keeps the old one valid for 24 hours. */
export function WebhookSecret({ accountId, webhookId, secret, previousValidUntil }: Ids & { secret: string; previousValidUntil: string | null }) {
  const [shown, setShown] = useState(false);
  const rotate = useAction(rotateWebhookSecretAction);
  return (
    <div className="space-y-3 p-5">
      <div className="flex items-center gap-2">
        <code aria-label="Signing secret" className="flex-1 truncate rounded bg-slate-100 px-2 py-1.5 font-mono text-xs text-slate-800">
          {shown ? secret : "whsec_" + "•".repeat(24)}
        </code>
        <Button variant="secondary" size="sm" onClick={() => setShown((s) => !s)}>
          {shown ? "Hide" : "Reveal"}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={rotate.pending}
          onClick={() => {
            if (window.confirm("Make a new secret? The current one keeps signing for 24 hours, so receivers can switch.")) rotate.run({ accountId, webhookId }, () => setShown(true));
          }}
        >
          {rotate.pending ? "Rotating…" : "Rotate"}
        </Button>
      </div>
      {previousValidUntil ? <p className="text-xs text-slate-500">The previous secret also signs until {previousValidUntil} (both signatures are sent).</p> : null}
      {rotate.error ? <Alert>{rotate.error}</Alert> : null}
    </div>
  );
}

export function WebhookToolbar({ accountId, webhookId, disabled }: Ids & { disabled: boolean }) {
  const router = useRouter();
  const test = useAction(sendWebhookTestAction);
  const remove = useAction(deleteWebhookAction);
  const enable = useAction(updateWebhookAction);
  const [sent, setSent] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" disabled={test.pending} onClick={() => test.run({ accountId, webhookId }, () => setSent(true))}>
        {test.pending ? "Sending…" : "Send test event"}
      </Button>
      {disabled ? (
        <Button size="sm" disabled={enable.pending} onClick={() => enable.run({ accountId, webhookId, enabled: true })}>
          Re-enable
        </Button>
      ) : null}
      <Button
        variant="danger"
        size="sm"
        disabled={remove.pending}
        onClick={() => {
          if (window.confirm("Delete this webhook? Its delivery log goes with it.")) remove.run({ accountId, webhookId }, () => router.push(`/app/accounts/${accountId}/settings/integrations/webhooks`));
        }}
      >
        Delete
      </Button>
      {sent ? <span role="status" className="text-xs text-emerald-700">Test event queued: it appears in the log below.</span> : null}
      {test.error || remove.error || enable.error ? <Alert>{test.error || remove.error || enable.error}</Alert> : null}
    </div>
  );
}

export function RedeliverButton({ accountId, webhookId, deliveryRowId }: Ids & { deliveryRowId: number }) {
  const { run, pending, error } = useAction(redeliverAction);
  return (
    <>
      <Button variant="secondary" size="sm" disabled={pending} onClick={() => run({ accountId, webhookId, deliveryRowId })}>
        {pending ? "Queuing…" : "Redeliver"}
      </Button>
      {error ? <span className="text-xs text-red-700">{error}</span> : null}
    </>
  );
}

export function RedeliverFailedSince({ accountId, webhookId }: Ids) {
  const { run, pending, error } = useAction(redeliverFailedSinceAction);
  const [done, setDone] = useState<number | null>(null);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const value = String(new FormData(e.currentTarget).get("since") ?? "");
        const since = new Date(value);
        if (Number.isNaN(since.getTime())) return;
        run({ accountId, webhookId, since: since.toISOString() }, (r) => setDone(r.count));
      }}
    >
      <label htmlFor="redeliver-since" className="text-sm text-slate-700">
        Redeliver all failed since
      </label>
      <Input id="redeliver-since" name="since" type="datetime-local" required className="w-auto" />
      <Button variant="secondary" size="sm" type="submit" disabled={pending}>
        {pending ? "Queuing…" : "Redeliver failed"}
      </Button>
      {done !== null ? <span role="status" className="text-xs text-emerald-700">{done} deliveries queued again.</span> : null}
      {error ? <span className="text-xs text-red-700">{error}</span> : null}
    </form>
  );
}
