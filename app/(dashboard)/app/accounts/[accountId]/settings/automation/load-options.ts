import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { listAgents } from "@/lib/accounts/agents";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { listLabels } from "@/lib/labels/labels";
import { listSlaPolicies } from "@/lib/sla/policies";
import { listTeams } from "@/lib/teams/teams";
import type { EditorOptions } from "@/components/automation/options";

/** What the rule and macro editors offer: the account's inboxes, teams, agents, labels and SLA policies (read in parallel). */
export async function loadEditorOptions(db: DbOrTx, actor: Actor, accountId: number): Promise<EditorOptions> {
  const [inboxes, teams, agents, labels, slaPolicies] = await Promise.all([
    listInboxes(db, actor, accountId),
    listTeams(db, actor, accountId),
    listAgents(db, actor, accountId),
    listLabels(db, actor, accountId),
    listSlaPolicies(db, actor, accountId),
  ]);
  return {
    inboxes: inboxes.map((i) => ({ id: i.id, name: i.name })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    agents: agents.map((a) => ({ id: a.id, name: a.displayName || a.name })),
    labels: labels.map((l) => l.title),
    slaPolicies: slaPolicies.map((p) => ({ id: p.id, name: p.name })),
  };
}
