"use client";

import { cancelInvitationAction, resendInvitationAction } from "@/app/_server/actions/invitations";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

export type InvitationRowData = {
  id: number;
  name: string;
  email: string;
  role: "administrator" | "agent";
  sentAt: string | null;
  expired: boolean;
};

/**
 * An invitation not accepted yet: "Verification pending" until the person accepts (they are not a
 * member before that), with Resend (a new link) and Cancel. It looks the same whether or not the
 * address already uses Postdesk.
 */
export function InvitationRow({ accountId, invitation }: { accountId: number; invitation: InvitationRowData }) {
  const resend = useAction(resendInvitationAction);
  const cancel = useAction(cancelInvitationAction);
  const error = resend.error ?? cancel.error;
  const status = invitation.expired ? "Invitation expired" : invitation.sentAt ? "Invitation sent" : "Sending invitation…";
  return (
    <tr className="align-top">
      <td className="px-4 py-3">
        <p className="truncate text-sm font-medium text-slate-900">{invitation.name}</p>
        <p className="truncate text-xs text-slate-500">{invitation.email}</p>
        {error ? (
          <p role="alert" className="mt-1.5 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </td>
      <td className="px-4 py-3 text-xs text-slate-600">{invitation.role === "administrator" ? "Administrator" : "Agent"}</td>
      <td className="px-4 py-3">
        <span className="inline-flex rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">Verification pending</span>
        <p className="mt-1 text-xs text-slate-500">{status}</p>
      </td>
      <td className="px-4 py-3 text-right">
        <span className="inline-flex gap-1.5">
          <Button size="sm" variant="ghost" disabled={resend.pending} onClick={() => resend.run({ accountId, invitationId: invitation.id })} aria-label={`Resend invitation to ${invitation.email}`}>
            Resend
          </Button>
          <Button size="sm" variant="ghost" disabled={cancel.pending} onClick={() => cancel.run({ accountId, invitationId: invitation.id })} aria-label={`Cancel invitation to ${invitation.email}`}>
            Cancel
          </Button>
        </span>
      </td>
    </tr>
  );
}
