import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listAgents } from "@/lib/accounts/agents";
import { getInbox } from "@/lib/inboxes/inboxes";
import { listInboxMembers } from "@/lib/inboxes/members";
import { loadAccountContext } from "@/app/_server/account-context";
import { orNotFound, parseId } from "@/app/_server/page-data";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { InboxMembers } from "@/components/settings/inbox-members";
import { InboxNameForm } from "@/components/settings/inbox-name-form";
import { Card, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Inbox settings" };

export default async function InboxSettingsPage({ params }: { params: Promise<{ accountId: string; inboxId: string }> }) {
  const { accountId: raw, inboxId: rawInbox } = await params;
  const ctx = await loadAccountContext(raw);
  const inboxId = parseId(rawInbox);
  const db = getDb();
  const [inbox, members, agents] = await Promise.all([
    orNotFound(getInbox(db, ctx.actor, ctx.accountId, inboxId)),
    orNotFound(listInboxMembers(db, ctx.actor, ctx.accountId, inboxId)),
    listAgents(db, ctx.actor, ctx.accountId),
  ]);
  const memberIds = new Set(members.map((m) => m.id));
  const person = (p: { id: number; name: string; displayName: string | null; email: string }) => ({ id: p.id, name: p.displayName || p.name, email: p.email });
  return (
    <>
      <div>
        <Link href={`/app/accounts/${ctx.accountId}/settings/inboxes`} className="inline-flex items-center gap-1 text-xs font-medium text-slate-500 hover:text-slate-800">
          <ArrowLeft className="size-3.5" aria-hidden="true" /> Inboxes
        </Link>
        <h1 className="mt-1 text-lg font-semibold text-slate-900">{inbox.name}</h1>
      </div>
      {ctx.isAdmin ? null : <AdminOnlyNotice />}
      <Card>
        <CardHeader title="Details" />
        <InboxNameForm accountId={ctx.accountId} inboxId={inbox.id} name={inbox.name} canEdit={ctx.isAdmin} />
        {inbox.api && ctx.isAdmin ? (
          <dl className="space-y-1 border-t border-slate-200 px-5 py-4 text-sm">
            <div className="flex gap-2">
              <dt className="w-32 text-slate-500">Inbox ID</dt>
              <dd className="font-mono text-slate-800">{inbox.id}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="w-32 text-slate-500">Inbox identifier</dt>
              <dd className="font-mono break-all text-slate-800">{inbox.api.identifier}</dd>
            </div>
          </dl>
        ) : null}
      </Card>
      <Card>
        <CardHeader title="Members" description="Members see this inbox's conversations and can be assigned to them." />
        <InboxMembers
          accountId={ctx.accountId}
          inboxId={inbox.id}
          members={members.map(person)}
          candidates={agents.filter((a) => !memberIds.has(a.id)).map(person)}
          canEdit={ctx.isAdmin}
        />
      </Card>
    </>
  );
}
