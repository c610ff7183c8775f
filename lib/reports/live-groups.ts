import { and, between, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations, teams } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { requireReportAccess } from "./filter";

/**
 * Chatwoot's live reports (`/live_reports/*`): the conversations as they are now, for the
 * account or narrowed as Chatwoot's dashboard narrows them (teams, assignees, inboxes, creation
 * range). Same counting as the overview's live view (lib/reports/live.ts).
 */

export type LiveConversationMetrics = { open: number; unattended: number; unassigned: number; pending: number; resolved: number };
/**
 * `teamId` is Chatwoot's older single team (unknown: 404); the id lists narrow without checking
 * (another account's ids match nothing, the account scope holds); `since`..`until` is the
 * conversations' creation, both ends included, applied only when both are given (as Chatwoot).
 */
export type LiveFilters = { teamId?: number; teamIds?: number[]; userIds?: number[]; inboxIds?: number[]; since?: Date; until?: Date };
export type LiveGroupBy = "team_id" | "assignee_id";
export type LiveGroupMetrics = { open: number; unattended: number; unassigned: number } & Partial<Record<LiveGroupBy, number | null>>;

// Chatwoot's "unattended": open and never answered, or waiting for an answer now.
const unattended = sql`(${conversations.firstReplyCreatedAt} is null or ${conversations.waitingSince} is not null)`;

async function scope(db: DbOrTx, accountId: number, filters: LiveFilters) {
  const where: SQL[] = [eq(conversations.accountId, accountId)];
  if (filters.teamId !== undefined) {
    const [team] = await db.select({ id: teams.id }).from(teams).where(and(eq(teams.accountId, accountId), eq(teams.id, filters.teamId)));
    if (!team) throw notFound("Team");
    where.push(eq(conversations.teamId, filters.teamId));
  }
  if (filters.teamIds?.length) where.push(inArray(conversations.teamId, filters.teamIds));
  if (filters.userIds?.length) where.push(inArray(conversations.assigneeId, filters.userIds));
  if (filters.inboxIds?.length) where.push(inArray(conversations.inboxId, filters.inboxIds));
  if (filters.since && filters.until) where.push(between(conversations.createdAt, filters.since, filters.until));
  return and(...where);
}

/** Open, unattended, unassigned, pending and resolved conversations now (optionally narrowed). */
export async function getLiveConversationMetrics(db: DbOrTx, actor: Actor, accountId: number, params: LiveFilters = {}): Promise<LiveConversationMetrics> {
  await requireReportAccess(db, actor, accountId);
  const where = await scope(db, accountId, params);
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${conversations.status} = 'open')::int`,
      unattended: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${unattended})::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${conversations.assigneeId} is null)::int`,
      pending: sql<number>`count(*) filter (where ${conversations.status} = 'pending')::int`,
      resolved: sql<number>`count(*) filter (where ${conversations.status} = 'resolved')::int`,
    })
    .from(conversations)
    .where(and(where, sql`${conversations.status} in ('open', 'pending', 'resolved')`));
  return { open: row?.open ?? 0, unattended: row?.unattended ?? 0, unassigned: row?.unassigned ?? 0, pending: row?.pending ?? 0, resolved: row?.resolved ?? 0 };
}

/**
 * Open conversations now per team or per assignee (`groupBy`), each group with its unattended and
 * unassigned counts; only groups with open conversations, the "no team"/"nobody" group as null.
 * The filters narrow the conversations first, as for the totals.
 */
export async function getLiveGroupedConversationMetrics(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: { groupBy: LiveGroupBy } & LiveFilters,
): Promise<LiveGroupMetrics[]> {
  await requireReportAccess(db, actor, accountId);
  const where = await scope(db, accountId, params);
  const key = params.groupBy === "team_id" ? conversations.teamId : conversations.assigneeId;
  const rows = await db
    .select({
      key,
      open: sql<number>`count(*)::int`,
      unattended: sql<number>`(count(*) filter (where ${unattended}))::int`,
      unassigned: sql<number>`(count(*) filter (where ${conversations.assigneeId} is null))::int`,
    })
    .from(conversations)
    .where(and(where, eq(conversations.status, "open")))
    .groupBy(key)
    .orderBy(sql`${key} asc nulls last`);
  return rows.map((r) => ({ open: r.open, unattended: r.unattended, unassigned: r.unassigned, [params.groupBy]: r.key }));
}

/** The API's query (Chatwoot's parameter names) as the filters above. */
export function liveFiltersOf(query: { team_id?: number; team_ids?: number[]; user_ids?: number[]; inbox_ids?: number[]; since?: Date; until?: Date }): LiveFilters {
  return { teamId: query.team_id, teamIds: query.team_ids, userIds: query.user_ids, inboxIds: query.inbox_ids, since: query.since, until: query.until };
}
