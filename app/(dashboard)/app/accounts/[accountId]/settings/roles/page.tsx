import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listAgents } from "@/lib/accounts/agents";
import { PERMISSION_LABELS, PERMISSIONS } from "@/lib/accounts/permissions";
import { listCustomRoles } from "@/lib/roles/custom-roles";
import { loadAccountContext } from "@/app/_server/account-context";
import { RoleForm, RoleRow } from "@/components/roles/role-settings";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Roles" };

/** Settings → Roles (administrators): named permission sets given to agents in place of "Agent". */
export default async function RolesPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.isAdmin) return <Alert tone="info">Only administrators of this account can manage roles.</Alert>;
  const [roles, agents] = await Promise.all([listCustomRoles(getDb(), ctx.actor, ctx.accountId), listAgents(getDb(), ctx.actor, ctx.accountId)]);
  const options = PERMISSIONS.map((id) => ({ id, ...PERMISSION_LABELS[id] }));
  return (
    <>
      <h1 className="sr-only">Roles</h1>
      <Card>
        <CardHeader
          title="Roles"
          description="A role replaces Agent for the people you give it to (Settings → Agents): they see and do exactly what its permissions allow."
        />
        {roles.length === 0 ? (
          <EmptyState title="No roles yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Roles">
            {roles.map((r) => (
              <li key={r.id}>
                <RoleRow
                  accountId={ctx.accountId}
                  options={options}
                  role={{ id: r.id, name: r.name, description: r.description, permissions: r.permissions, members: agents.filter((a) => a.customRoleId === r.id).length }}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a role" />
        <RoleForm accountId={ctx.accountId} options={options} />
      </Card>
    </>
  );
}
