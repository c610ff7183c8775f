import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { listAgents } from "@/lib/accounts/agents";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { listLabels } from "@/lib/labels/labels";
import { listTeams } from "@/lib/teams/teams";
import type { EditorOptions } from "@/components/automation/options";

/** What the rule and macro editors offer: the account's inboxes, teams, agents and labels (read in parallel). */
export async function loadEditorOptions(db: DbOrTx, actor: Actor, accountId: number): Promise<EditorOptions> {
  const [inboxes, teams, agents, labels] = await Promise.all([listInboxes(db, actor, accountId), listTeams(db, actor, accountId), listAgents(db, actor, accountId), listLabels(db, actor, accountId)]);
  return {
    inboxes: inboxes.map((i) => ({ id: i.id, name: i.name })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    agents: agents.map((a) => ({ id: a.id, name: a.displayName || a.name })),
    labels: labels.map((l) => l.title),
  };
}
