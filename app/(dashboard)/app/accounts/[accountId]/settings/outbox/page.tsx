import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listOutbox } from "@/lib/mailbox/outbox/list-outbox";
import { listAccountMailOutbox } from "@/lib/accounts/list-account-mail";
import { AccountMailOutbox } from "@/components/settings/account-mail-outbox";
import { loadAccountContext } from "@/app/_server/account-context";
import { DATE_TIME } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

export const metadata: Metadata = { title: "Outbox" };

/** Mail of inboxes without an SMTP server, captured instead of sent. */
export default async function OutboxPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.isAdmin) {
    return <Alert tone="info">Only administrators of this account can read the outbox.</Alert>;
  }
  const items = await listOutbox(getDb(), ctx.actor, ctx.accountId);
  const accountMail = await listAccountMailOutbox(getDb(), ctx.actor, ctx.accountId);
  const base = `/app/accounts/${ctx.accountId}`;
  return (
    <>
      <h1 className="sr-only">Outbox</h1>
      <Card>
        <CardHeader
          title="Outbox"
          description="Replies of email inboxes that have no SMTP server are kept here instead of being sent. Configure SMTP on the inbox to deliver them."
        />
        {items.length === 0 ? (
          <EmptyState title="No captured mail yet" />
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">Subject</th>
                <th scope="col" className="px-4 py-2.5">To</th>
                <th scope="col" className="px-4 py-2.5">Inbox</th>
                <th scope="col" className="px-4 py-2.5">Captured</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr key={item.id}>
                  <td className="px-4 py-2.5">
                    <Link href={`${base}/settings/outbox/${item.id}`} className="font-medium text-brand-700 hover:underline">
                      {item.subject || "(no subject)"}
                    </Link>
                    <Link href={`${base}/conversations/${item.conversationDisplayId}`} className="ml-2 text-xs text-slate-500 hover:underline">
                      #{item.conversationDisplayId}
                    </Link>
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">{item.to.join(", ")}</td>
                  <td className="px-4 py-2.5 text-slate-700">{item.inboxName}</td>
                  <td className="px-4 py-2.5 text-slate-500">
                    <LocalTime date={item.createdAt} pattern={DATE_TIME} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <AccountMailOutbox items={accountMail} />
    </>
  );
}
