import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { listAgents } from "@/lib/accounts/agents";
import { listTeamMembers, listTeams } from "@/lib/teams/teams";
import { loadAccountContext } from "@/app/_server/account-context";
import { TeamForm, TeamRow } from "@/components/teams/team-settings";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Teams" };

/** Settings → Teams (administrators): groups of agents that conversations are assigned to. */
export default async function TeamsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("team_manage")) return <Alert tone="info">Your role does not let you manage teams.</Alert>;
  const db = getDb();
  const [teams, agents] = await Promise.all([listTeams(db, ctx.actor, ctx.accountId), listAgents(db, ctx.actor, ctx.accountId)]);
  // A handful of teams per account: one small read each.
  const members = await Promise.all(teams.map((t) => listTeamMembers(db, ctx.actor, ctx.accountId, t.id)));
  const agentOptions = agents.map((a) => ({ id: a.id, name: a.displayName || a.name }));
  return (
    <>
      <h1 className="sr-only">Teams</h1>
      <Card>
        <CardHeader title="Teams" description="A conversation can belong to a team, with or without an agent; agents see their teams' conversations under My teams." />
        {teams.length === 0 ? (
          <EmptyState title="No teams yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Teams">
            {teams.map((t, i) => (
              <li key={t.id}>
                <TeamRow
                  accountId={ctx.accountId}
                  agents={agentOptions}
                  team={{ id: t.id, name: t.name, description: t.description, allowAutoAssign: t.allowAutoAssign, memberIds: members[i].map((m) => m.id) }}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a team" />
        <TeamForm accountId={ctx.accountId} />
      </Card>
    </>
  );
}
