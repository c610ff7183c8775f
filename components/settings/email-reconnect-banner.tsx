import { AlertTriangle } from "lucide-react";
import Link from "next/link";

/** Shown to administrators across the account while any mailbox refuses our sign-in. */
export function EmailReconnectBanner({ accountId, inboxes }: { accountId: number; inboxes: { id: number; name: string }[] }) {
  if (inboxes.length === 0) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
      <AlertTriangle className="size-4 shrink-0" aria-hidden="true" />
      <span className="font-medium">Reconnect needed:</span>
      <span>the mailbox refused our sign-in for</span>
      {inboxes.map((inbox, i) => (
        <span key={inbox.id}>
          <Link href={`/app/accounts/${accountId}/settings/inboxes/${inbox.id}`} className="font-medium underline">
            {inbox.name}
          </Link>
          {i < inboxes.length - 1 ? "," : ""}
        </span>
      ))}
      <span>— no new mail is imported until the password is entered again.</span>
    </div>
  );
}
