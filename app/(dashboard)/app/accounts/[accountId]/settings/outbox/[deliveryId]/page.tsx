import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { readOutboxMessage } from "@/lib/mailbox/outbox/list-outbox";
import { loadAccountContext } from "@/app/_server/account-context";
import { orNotFound, parseId } from "@/app/_server/page-data";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Outbox message" };

/** One captured mail, byte for byte as it would have been sent. */
export default async function OutboxMessagePage({ params }: { params: Promise<{ accountId: string; deliveryId: string }> }) {
  const { accountId, deliveryId } = await params;
  const ctx = await loadAccountContext(accountId);
  if (!ctx.isAdmin) {
    return <Alert tone="info">Only administrators of this account can read the outbox.</Alert>;
  }
  const mail = await orNotFound(readOutboxMessage(getDb(), ctx.actor, ctx.accountId, parseId(deliveryId)));
  return (
    <Card>
      <CardHeader
        title={mail.subject || "(no subject)"}
        description={`To ${mail.to.join(", ")} · ${mail.inboxName}`}
        actions={
          <Link href={`/app/accounts/${ctx.accountId}/settings/outbox`} className="text-sm text-brand-700 hover:underline">
            Back to the outbox
          </Link>
        }
      />
      <pre className="overflow-x-auto px-4 py-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all text-slate-800">{mail.raw}</pre>
    </Card>
  );
}
