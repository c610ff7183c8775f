import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { effectiveAvailabilitySql } from "@/db/queries/effective-availability";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";

export type LiveAgent = {
  id: number;
  name: string;
  email: string;
  /** What teammates see (offline when an auto-offline agent has no open tab). */
  availability: "online" | "busy" | "offline";
  /** Open conversations assigned to them now. */
  open: number;
};

/** The reports' live view: what is waiting now, and who is there to take it. */
export type LiveOverview = {
  open: number;
  unassigned: number;
  pending: number;
  agents: LiveAgent[];
  /** When it was read (the screen says how fresh it is). */
  at: string;
};

/**
 * The overview's live view for someone who may see reports (administrators, custom roles with
 * `report_manage`): open, unassigned open and pending conversations of the whole account now, and
 * each agent's presence and open load. These are not reporting events but the present state,
 * read from the counters the sidebar reads (conversation_open_counts, conversation_status_counts:
 * a few hundred rows whatever the size of the account) and the memberships, in two statements run
 * in parallel — cheap enough to be asked again after live events.
 */
export async function liveOverview(db: DbOrTx, actor: Actor, accountId: number): Promise<LiveOverview> {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "report_manage");
  const [counts, agents] = await Promise.all([
    db.execute<{ open: number; unassigned: number; pending: number }>(sql`
      select
        (select coalesce(sum(total), 0) from conversation_open_counts where account_id = ${accountId})::int as open,
        (select coalesce(sum(total), 0) from conversation_open_counts where account_id = ${accountId} and assignee_id is null)::int as unassigned,
        (select coalesce(sum(total), 0) from conversation_status_counts where account_id = ${accountId} and status = 'pending')::int as pending`),
    db.execute<{ id: number; name: string; email: string; availability: LiveAgent["availability"]; open: number }>(sql`
      select u.id, coalesce(nullif(u.display_name, ''), u.name) as name, u.email, ${effectiveAvailabilitySql()} as availability,
             coalesce(load.open, 0)::int as open
      from account_users
      join users u on u.id = account_users.user_id
      left join (
        select assignee_id, sum(total) as open from conversation_open_counts
        where account_id = ${accountId} and assignee_id is not null group by assignee_id
      ) load on load.assignee_id = account_users.user_id
      where account_users.account_id = ${accountId}
      order by 2, 1`),
  ]);
  const row = counts[0];
  return {
    open: Number(row?.open ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
    pending: Number(row?.pending ?? 0),
    agents: agents.map((a) => ({ id: Number(a.id), name: a.name, email: a.email, availability: a.availability, open: Number(a.open) })),
    at: new Date().toISOString(),
  };
}
