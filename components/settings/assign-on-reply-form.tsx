"use client";

import { useState } from "react";
import { updateAssignOnReplyAction } from "@/app/_server/actions/settings";
import { Alert } from "@/components/ui/alert";
import { useAction } from "@/components/use-action";

/** The account's switch: a reply to an unassigned conversation assigns it to the agent who replied. Saved on change. */
export function AssignOnReplyForm({ accountId, enabled, canEdit }: { accountId: number; enabled: boolean; canEdit: boolean }) {
  const { run, pending, error } = useAction(updateAssignOnReplyAction);
  const [on, setOn] = useState(enabled);
  const [saved, setSaved] = useState(false);
  return (
    <div className="space-y-3 p-5">
      <label className="flex items-start gap-3 text-sm text-slate-700">
        <input
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300"
          checked={on}
          disabled={!canEdit || pending}
          onChange={(e) => {
            const next = e.target.checked;
            setOn(next);
            setSaved(false);
            run({ accountId, assignOnReply: next }, () => setSaved(true));
          }}
        />
        <span>
          <span className="font-medium text-slate-900">Assign a conversation to the agent who replies</span>
          <span className="block text-slate-500">
            When an agent sends a reply to an unassigned conversation the customer wrote in, it becomes theirs. Notes never assign.
          </span>
        </span>
      </label>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">{on ? "Replies now assign unassigned conversations." : "Replies no longer assign conversations."}</Alert> : null}
    </div>
  );
}
