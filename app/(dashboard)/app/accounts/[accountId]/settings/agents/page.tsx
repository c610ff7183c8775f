import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listAgents } from "@/lib/accounts/agents";
import { listCustomRoles } from "@/lib/roles/custom-roles";
import { listPendingInvitations } from "@/lib/accounts/invitations/list-invitations";
import { loadAccountContext } from "@/app/_server/account-context";
import { AddAgentForm } from "@/components/settings/add-agent-form";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { AgentRow } from "@/components/settings/agent-row";
import { InvitationRow } from "@/components/settings/invitation-row";
import { Card, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const [agents, customRoles] = await Promise.all([listAgents(getDb(), ctx.actor, ctx.accountId), listCustomRoles(getDb(), ctx.actor, ctx.accountId)]);
  const invitations = ctx.isAdmin ? await listPendingInvitations(getDb(), ctx.actor, ctx.accountId) : [];
  return (
    <>
      <h1 className="sr-only">Agents</h1>
      {ctx.isAdmin ? null : <AdminOnlyNotice />}
      <Card>
        <CardHeader title="Agents" description="People who work conversations in this account." />
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5">Agent</th>
                <th scope="col" className="px-4 py-2.5">Role</th>
                <th scope="col" className="px-4 py-2.5">Availability</th>
                <th scope="col" className="px-4 py-2.5">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {agents.map((a) => (
                <AgentRow
                  key={a.id}
                  accountId={ctx.accountId}
                  agent={{ id: a.id, name: a.displayName || a.name, email: a.email, role: a.role, customRoleId: a.customRoleId, availability: a.availability, presence: a.presence }}
                  customRoles={customRoles.map((r) => ({ id: r.id, name: r.name }))}
                  isAdmin={ctx.isAdmin}
                  isSelf={a.id === ctx.userId}
                />
              ))}
              {invitations.map((i) => (
                <InvitationRow
                  key={`invitation-${i.id}`}
                  accountId={ctx.accountId}
                  invitation={{ id: i.id, name: i.name, email: i.email, role: i.role, sentAt: i.sentAt?.toISOString() ?? null, expired: i.expired }}
                />
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {ctx.isAdmin ? (
        <Card>
          <CardHeader
            title="Invite an agent"
            description="They get an email with a link (through this account's first inbox with SMTP, or the local outbox) and join when they accept it."
          />
          <AddAgentForm accountId={ctx.accountId} customRoles={customRoles.map((r) => ({ id: r.id, name: r.name }))} />
        </Card>
      ) : null}
    </>
  );
}
