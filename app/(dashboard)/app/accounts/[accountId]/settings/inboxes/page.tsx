import { ChevronRight, Inbox, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { loadAccountContext } from "@/app/_server/account-context";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { CreateInboxForm } from "@/components/settings/create-inbox-form";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Inboxes" };

export default async function InboxesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const inboxes = await listInboxes(getDb(), ctx.actor, ctx.accountId);
  const base = `/app/accounts/${ctx.accountId}/settings/inboxes`;
  return (
    <>
      <h1 className="sr-only">Inboxes</h1>
      {ctx.can("inbox_manage") ? null : <AdminOnlyNotice />}
      <Card>
        <CardHeader
          title="Inboxes"
          description={ctx.isAdmin ? "Every inbox of the account." : "The inboxes you are a member of."}
          actions={
            ctx.can("inbox_manage") ? (
              <Link href={`${base}/new`} className={buttonClass("primary", "sm")}>
                <Plus className="size-3.5" aria-hidden="true" /> Add inbox
              </Link>
            ) : null
          }
        />
        {inboxes.length === 0 ? (
          <EmptyState title="No inboxes yet" />
        ) : (
          <ul className="divide-y divide-slate-100">
            {inboxes.map((inbox) => (
              <li key={inbox.id}>
                <Link href={`${base}/${inbox.id}`} className="flex items-center gap-3 px-5 py-3 hover:bg-slate-50">
                  <span className="flex size-8 items-center justify-center rounded-md bg-slate-100 text-slate-500">
                    <Inbox className="size-4" aria-hidden="true" />
                  </span>
                  <span className="flex-1 text-sm font-medium text-slate-900">{inbox.name}</span>
                  <Badge tone="blue">{inbox.channelType === "api" ? "API" : "Email"}</Badge>
                  <ChevronRight className="size-4 text-slate-400" aria-hidden="true" />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {ctx.can("inbox_manage") ? (
        <Card>
          <CardHeader title="Create an API inbox" />
          <CreateInboxForm accountId={ctx.accountId} />
        </Card>
      ) : null}
    </>
  );
}
