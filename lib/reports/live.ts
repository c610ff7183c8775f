import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountUsers, conversations, users } from "@/db/schema";
import { effectiveAvailabilitySql } from "@/db/queries/effective-availability";
import type { Actor } from "@/lib/auth/actor";
import { requireReportAccess } from "./filter";
import type { LiveAgentLoad, LiveConversationCounts } from "./types";

// Chatwoot's "unattended": open and never answered, or waiting for an answer now.
const unattended = sql`(${conversations.firstReplyCreatedAt} is null or ${conversations.waitingSince} is not null)`;

/** The overview's live cards (Chatwoot's /reports/conversations?type=account): counts now. */
export async function getLiveConversationCounts(db: DbOrTx, actor: Actor, accountId: number): Promise<LiveConversationCounts> {
  await requireReportAccess(db, actor, accountId);
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${conversations.status} = 'open')::int`,
      unattended: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${unattended})::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.status} = 'open' and ${conversations.assigneeId} is null)::int`,
      pending: sql<number>`count(*) filter (where ${conversations.status} = 'pending')::int`,
    })
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), sql`${conversations.status} in ('open', 'pending')`));
  return { open: row?.open ?? 0, unattended: row?.unattended ?? 0, unassigned: row?.unassigned ?? 0, pending: row?.pending ?? 0 };
}

/** Per agent: availability as others see it and their open load (Chatwoot's /reports/conversations?type=agent). */
export async function getLiveAgentLoad(db: DbOrTx, actor: Actor, accountId: number): Promise<LiveAgentLoad[]> {
  await requireReportAccess(db, actor, accountId);
  const load = db
    .select({
      assigneeId: conversations.assigneeId,
      open: sql<number>`count(*)::int`.as("open"),
      unattended: sql<number>`(count(*) filter (where ${unattended}))::int`.as("unattended"),
    })
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.status, "open"), sql`${conversations.assigneeId} is not null`))
    .groupBy(conversations.assigneeId)
    .as("load");
  const rows = await db
    .select({
      id: users.id,
      name: sql<string>`coalesce(nullif(${users.displayName}, ''), ${users.name})`,
      email: users.email,
      availability: effectiveAvailabilitySql(),
      open: sql<number>`coalesce(${load.open}, 0)::int`,
      unattended: sql<number>`coalesce(${load.unattended}, 0)::int`,
    })
    .from(accountUsers)
    .innerJoin(users, eq(users.id, accountUsers.userId))
    .leftJoin(load, eq(load.assigneeId, accountUsers.userId))
    .where(eq(accountUsers.accountId, accountId))
    .orderBy(sql`coalesce(${load.open}, 0) desc`, asc(users.name));
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, availability: String(r.availability), metric: { open: r.open, unattended: r.unattended } }));
}
