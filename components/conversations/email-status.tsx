"use client";

import { clsx } from "clsx";
import { Mail, RotateCw } from "lucide-react";
import { retryEmailAction } from "@/app/_server/actions/conversations";
import { useAction } from "@/components/use-action";
import { useLiveMessageStatus } from "./use-live-message-status";

type Props = {
  accountId: number;
  messageId: number;
  status: string;
  /** The transport's reason when the send failed (content_attributes.external_error). */
  error: string | null;
  /** The message's updated_at (ms): a newer message.updated event replaces status and error until the refresh. */
  version: number;
};

const LABELS: Record<string, string> = { sending: "Sending email…", failed: "Email not sent", sent: "Sent by email" };

/** The envelope badge on a reply that goes out by email: its send status, the reason and Retry on failure. */
export function EmailStatus({ accountId, messageId, ...rendered }: Props) {
  const { status, error } = useLiveMessageStatus(messageId, rendered);
  const { run, pending, error: retryError } = useAction(retryEmailAction);
  const isFailed = status === "failed";
  return (
    <div className="mt-1 flex max-w-full flex-col items-end gap-1 text-xs" data-email-status={status}>
      <span className={clsx("flex items-center gap-1", isFailed ? "font-medium text-red-600" : "text-slate-500")}>
        <Mail className="size-3.5" aria-hidden="true" />
        {LABELS[status] ?? "Sent by email"}
      </span>
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
