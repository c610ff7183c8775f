import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { effectiveAvailabilitySql } from "@/db/queries/effective-availability";
import { accountUsers, conversations, customRoles, inboxes, inboxMembers, teamMembers, teams } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { CONVERSATION_PERMISSIONS } from "@/lib/accounts/permissions";
import { systemActor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";

/** One assignment made by auto-assignment. */
export type AutoAssignment = { conversationId: number; displayId: number; assigneeId: number };

/**
 * The class of the advisory lock per inbox (pg_advisory_xact_lock(class, inbox id)): every
 * automatic assignment in an inbox holds it, so two runs never both count an agent's open
 * conversations before either has assigned one (capacity is per inbox, see below).
 */
const INBOX_LOCK_CLASS = 7_310_001;

/** How many waiting conversations one run looks at; the next request or sweep takes the rest. */
const BATCH = 200;

type Candidate = { userId: number; open: number };

/**
 * Assigns an inbox's waiting conversations, oldest first (waiting since, then id), round-robin to
 * its members who are online (effective availability: busy, offline and auto-offline agents are
 * skipped) and under the inbox's capacity (`auto_assignment_limit`: open conversations assigned to
 * the agent in this inbox; none = no limit).
 *
 * Waiting means open and unassigned, in an inbox with auto-assignment on; a conversation with a
 * team waits only when the team allows auto-assignment, and then goes to a member of both the team
 * and the inbox. Pending conversations (a bot's, before handoff) and snoozed ones never wait.
 * Round-robin: the member auto-assigned longest ago (never first) is next (`inbox_members.
 * last_auto_assigned_at`). A manual assignment is never changed: assignConversation re-checks under
 * the row lock that the conversation is still open and unassigned.
 *
 * `conversationIds` limits the run to those conversations; `ignoreSwitches` assigns them even when
 * the inbox or team has auto-assignment off (an automation rule's "assign via round-robin").
 */
export async function assignWaitingConversations(
  db: DbOrTx,
  accountId: number,
  inboxId: number,
  options: { conversationIds?: number[]; ignoreSwitches?: boolean; limit?: number } = {},
): Promise<AutoAssignment[]> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INBOX_LOCK_CLASS}, ${inboxId})`);
    const [inbox] = await tx
      .select({ enabled: inboxes.enableAutoAssignment, limit: inboxes.autoAssignmentLimit })
      .from(inboxes)
      .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)));
    if (!inbox || (!inbox.enabled && !options.ignoreSwitches)) return [];

    const order = await onlineMembers(tx, accountId, inboxId);
    if (order.length === 0) return [];
    const waiting = await tx
      .select({ id: conversations.id, displayId: conversations.displayId, teamId: conversations.teamId })
      .from(conversations)
      .leftJoin(teams, and(eq(teams.accountId, conversations.accountId), eq(teams.id, conversations.teamId)))
      .where(
        and(
          eq(conversations.accountId, accountId),
          eq(conversations.inboxId, inboxId),
          eq(conversations.status, "open"),
          isNull(conversations.assigneeId),
          options.ignoreSwitches ? undefined : sql`(${conversations.teamId} is null or ${teams.allowAutoAssign})`,
          options.conversationIds ? inArray(conversations.id, options.conversationIds) : undefined,
        ),
      )
      .orderBy(sql`${conversations.waitingSince} asc nulls last`, asc(conversations.id))
      .limit(options.limit ?? BATCH);
    if (waiting.length === 0) return [];

    const candidates = await withOpenCounts(tx, accountId, inboxId, order);
    const teamIds = [...new Set(waiting.flatMap((c) => (c.teamId === null ? [] : [c.teamId])))];
    const teamsOf = await teamMemberSets(tx, accountId, teamIds);
    const hasRoom = (c: Candidate) => inbox.limit === null || c.open < inbox.limit;

    const made: AutoAssignment[] = [];
    for (const conversation of waiting) {
      if (!candidates.some(hasRoom)) break;
      const team = conversation.teamId === null ? null : (teamsOf.get(conversation.teamId) ?? new Set<number>());
      const next = candidates.find((c) => hasRoom(c) && (team === null || team.has(c.userId)));
      if (!next) continue;
      const summary = await assignConversation(tx, systemActor("auto-assignment"), accountId, conversation.displayId, { assigneeId: next.userId }, { auto: true });
      if (summary.assignee?.id !== next.userId) continue; // assigned or closed meanwhile
      next.open += 1;
      // To the back of the queue, here and for the next run.
      candidates.splice(candidates.indexOf(next), 1);
      candidates.push(next);
      await tx
        .update(inboxMembers)
        .set({ lastAutoAssignedAt: sql`clock_timestamp()` })
        .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, next.userId)));
      made.push({ conversationId: conversation.id, displayId: conversation.displayId, assigneeId: next.userId });
    }
    return made;
  });
}

/**
 * "Assign via round-robin" for one conversation (automation rules): the same choice as
 * auto-assignment, whether or not the inbox has it switched on. Null when nobody online has room,
 * or the conversation is not open and unassigned.
 */
export async function assignViaRoundRobin(db: DbOrTx, accountId: number, conversationId: number): Promise<AutoAssignment | null> {
  const [row] = await db
    .select({ inboxId: conversations.inboxId })
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversationId)));
  if (!row) return null;
  const [made] = await assignWaitingConversations(db, accountId, row.inboxId, { conversationIds: [conversationId], ignoreSwitches: true });
  return made ?? null;
}

/**
 * The inbox's online members in round-robin order, without those whose custom role grants no
 * conversation at all (lib/accounts/permissions.ts): a narrower role still sees what is assigned
 * to them, so only "none" would hand them a conversation they could never open.
 */
async function onlineMembers(tx: DbOrTx, accountId: number, inboxId: number): Promise<number[]> {
  const rows = await tx
    .select({ userId: inboxMembers.userId })
    .from(inboxMembers)
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, inboxMembers.accountId), eq(accountUsers.userId, inboxMembers.userId)))
    .leftJoin(customRoles, and(eq(customRoles.accountId, accountUsers.accountId), eq(customRoles.id, accountUsers.customRoleId)))
    .where(
      and(
        eq(inboxMembers.accountId, accountId),
        eq(inboxMembers.inboxId, inboxId),
        sql`${effectiveAvailabilitySql()} = 'online'`,
        sql`(${accountUsers.role} = 'administrator' or ${customRoles.id} is null or ${customRoles.permissions} && ${sql.raw(`array['${CONVERSATION_PERMISSIONS.join("','")}']::text[]`)})`,
      ),
    )
    .orderBy(sql`${inboxMembers.lastAutoAssignedAt} asc nulls first`, asc(inboxMembers.userId));
  return rows.map((r) => r.userId);
}

/** Each candidate with the number of open conversations assigned to them in the inbox. */
async function withOpenCounts(tx: DbOrTx, accountId: number, inboxId: number, userIds: number[]): Promise<Candidate[]> {
  const counts = await tx
    .select({ userId: conversations.assigneeId, open: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        eq(conversations.accountId, accountId),
        eq(conversations.inboxId, inboxId),
        eq(conversations.status, "open"),
        inArray(conversations.assigneeId, userIds),
      ),
    )
    .groupBy(conversations.assigneeId);
  const byUser = new Map(counts.map((c) => [c.userId, c.open]));
  return userIds.map((userId) => ({ userId, open: byUser.get(userId) ?? 0 }));
}

async function teamMemberSets(tx: DbOrTx, accountId: number, teamIds: number[]): Promise<Map<number, Set<number>>> {
  const sets = new Map<number, Set<number>>();
  if (teamIds.length === 0) return sets;
  const rows = await tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.accountId, accountId), inArray(teamMembers.teamId, teamIds)));
  for (const r of rows) sets.set(r.teamId, (sets.get(r.teamId) ?? new Set()).add(r.userId));
  return sets;
}
