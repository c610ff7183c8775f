"use client";

import { useState } from "react";
import { deleteQuarantinedEmailAction, reprocessRawEmailAction } from "@/app/_server/actions/email-inboxes";
import { Button, buttonClass } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

/**
 * What an administrator can do with one quarantined message: reprocess it (the result in words:
 * "Imported into conversation #12", "Still quarantined: …"), download the original, or delete it.
 */
export function QuarantineActions({ accountId, rawEmailId }: { accountId: number; rawEmailId: number }) {
  const reprocess = useAction(reprocessRawEmailAction);
  const remove = useAction(deleteQuarantinedEmailAction);
  const [result, setResult] = useState<{ summary: string; settled: boolean; conversationDisplayId: number | null } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const pending = reprocess.pending || remove.pending;
  const error = reprocess.error ?? remove.error;
  return (
    <span className="inline-flex max-w-xs flex-col items-end gap-1">
      <span className={result?.settled ? "hidden" : "inline-flex flex-wrap justify-end gap-2"}>
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => reprocess.run({ accountId, rawEmailId }, (r) => setResult({ summary: r.summary, settled: r.status !== "quarantined", conversationDisplayId: r.conversationDisplayId }))}>
          {reprocess.pending ? "Reprocessing…" : "Reprocess"}
        </Button>
        <a className={buttonClass("secondary", "sm")} href={`/api/accounts/${accountId}/quarantine/${rawEmailId}`} download>
          Download original
        </a>
        {confirming ? (
          <Button size="sm" variant="danger" disabled={pending} onClick={() => remove.run({ accountId, rawEmailId })}>
            {remove.pending ? "Deleting…" : "Delete for good"}
          </Button>
        ) : (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => setConfirming(true)}>
            Delete
          </Button>
        )}
      </span>
      {result ? (
        <span role="status" className="text-right text-xs text-slate-600">
          {result.conversationDisplayId !== null ? (
            <a className="text-brand-700 underline" href={`/app/accounts/${accountId}/conversations/${result.conversationDisplayId}`}>
              {result.summary}
            </a>
          ) : (
            result.summary
          )}
        </span>
      ) : null}
      {error ? <span className="text-right text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
