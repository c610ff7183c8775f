"use client";

import { clsx } from "clsx";
import { Archive, Mail, RotateCw } from "lucide-react";
import Link from "next/link";
import { retryEmailAction } from "@/app/_server/actions/conversations";
import { LocalTime } from "@/components/ui/local-time";
import { useAction } from "@/components/use-action";
import type { MessageDelivery } from "@/lib/messages/types";
import { useLiveMessageStatus } from "./use-live-message-status";

type Props = {
  accountId: number;
  messageId: number;
  status: string;
  /** The transport's reason when the send failed (content_attributes.external_error). */
  error: string | null;
  /** The reply's email delivery: transport, and while retrying the reason and the next attempt. */
  delivery: MessageDelivery | null;
  /** The message's updated_at (ms): a newer message.updated event replaces what is shown until the refresh. */
  version: number;
};

const LABELS: Record<string, string> = { sending: "Sending email…", failed: "Email not sent", sent: "Sent by email" };
const CLOCK = "h:mm:ss a";

/** The envelope badge on a reply that goes out by email: where it went, why it waits, the reason and Retry on failure. */
export function EmailStatus({ accountId, messageId, ...rendered }: Props) {
  const { status, error, delivery } = useLiveMessageStatus(messageId, rendered);
  const { run, pending, error: retryError } = useAction(retryEmailAction);
  const isFailed = status === "failed";
  const isOutbox = delivery?.transport === "outbox";
  const retrying = status === "sending" && delivery?.lastError ? delivery : null;
  return (
    <div className="mt-1 flex max-w-full flex-col items-end gap-1 text-xs" data-email-status={status}>
      {isOutbox && status === "sent" && delivery ? (
        // Forwarding-only inboxes have no outgoing mail server: the reply was kept, not sent.
        <span className="flex items-center gap-1 text-amber-700">
          <Archive className="size-3.5" aria-hidden="true" />
          <span>
            Kept in the local outbox (no outgoing mail server) ·{" "}
            <Link href={`/app/accounts/${accountId}/settings/outbox/${delivery.id}`} className="font-medium underline">
              View in Outbox
            </Link>
          </span>
        </span>
      ) : (
        <span className={clsx("flex items-center gap-1", isFailed ? "font-medium text-red-600" : "text-slate-500")}>
          <Mail className="size-3.5" aria-hidden="true" />
          {LABELS[status] ?? "Sent by email"}
        </span>
      )}
      {retrying ? (
        <span className="text-right text-amber-700" role="status">
          Retrying: {retrying.lastError}
          {retrying.nextAttemptAt ? (
            <>
              {" — next attempt at "}
              <LocalTime date={retrying.nextAttemptAt} pattern={CLOCK} />
            </>
          ) : (
            " — trying again now"
          )}
        </span>
      ) : null}
      {isFailed && error ? <span className="text-right text-red-700">{error}</span> : null}
      {isFailed ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run({ accountId, messageId })}
          className="flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
        >
          <RotateCw className={clsx("size-3", pending && "animate-spin")} aria-hidden="true" />
          {pending ? "Retrying…" : "Retry"}
        </button>
      ) : null}
      {retryError ? <span className="text-red-700">{retryError}</span> : null}
    </div>
  );
}
