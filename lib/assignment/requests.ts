import { and, eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { effectiveAvailabilitySql } from "@/db/queries/effective-availability";
import { accountUsers, conversations, inboxes, inboxMembers } from "@/db/schema";
import type { AfterCommit } from "@/db/transaction";
import { autoAssignmentRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { createLogger } from "@/lib/logger";
import { assignWaitingConversations, type AutoAssignment } from "./auto-assign";

const log = createLogger("auto-assignment");

export type AutoAssignmentTarget = { accountId: number; inboxId: number } | { accountId: number; userId: number };

/**
 * Asks auto-assignment to look at an inbox (a conversation opened or reopened unassigned, an agent
 * freed capacity there) or at an agent's inboxes (they came online), after the outermost commit.
 * The job is queued only when some inbox concerned has auto-assignment on and an online member
 * (one indexed read), so mail to inboxes without it costs nothing more.
 */
export function requestAutoAssignment(afterCommit: AfterCommit, target: AutoAssignmentTarget): void {
  afterCommit(() => sendAutoAssignmentRequest(target));
}

export async function sendAutoAssignmentRequest(target: AutoAssignmentTarget): Promise<void> {
  if (!(await anyoneToAssign(getDb(), target))) return;
  await sendEvent(autoAssignmentRequested.create(target));
}

async function anyoneToAssign(db: DbOrTx, target: AutoAssignmentTarget): Promise<boolean> {
  const where = "inboxId" in target ? eq(inboxMembers.inboxId, target.inboxId) : eq(inboxMembers.userId, target.userId);
  const [row] = await db
    .select({ one: sql`1` })
    .from(inboxMembers)
    .innerJoin(inboxes, and(eq(inboxes.accountId, inboxMembers.accountId), eq(inboxes.id, inboxMembers.inboxId)))
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, inboxMembers.accountId), eq(accountUsers.userId, inboxMembers.userId)))
    .where(and(eq(inboxMembers.accountId, target.accountId), where, eq(inboxes.enableAutoAssignment, true), sql`${effectiveAvailabilitySql()} = 'online'`))
    .limit(1);
  return row !== undefined;
}

/** The job's work for one request: the inbox, or each auto-assigning inbox of the agent. */
export async function runAutoAssignment(db: DbOrTx, target: { accountId: number; inboxId?: number; userId?: number }): Promise<AutoAssignment[]> {
  const inboxIds = target.inboxId !== undefined ? [target.inboxId] : target.userId !== undefined ? await inboxesOf(db, target.accountId, target.userId) : [];
  const made: AutoAssignment[] = [];
  for (const inboxId of inboxIds) made.push(...(await assignWaitingConversations(db, target.accountId, inboxId)));
  return made;
}

async function inboxesOf(db: DbOrTx, accountId: number, userId: number): Promise<number[]> {
  const rows = await db
    .select({ id: inboxMembers.inboxId })
    .from(inboxMembers)
    .innerJoin(inboxes, and(eq(inboxes.accountId, inboxMembers.accountId), eq(inboxes.id, inboxMembers.inboxId)))
    .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.userId, userId), eq(inboxes.enableAutoAssignment, true)));
  return rows.map((r) => r.id);
}

/**
 * The safety net (a cron; a system sweep across accounts, each inbox then handled in its own
 * account): every inbox with auto-assignment on, a waiting conversation and an online member. It
 * catches what an event missed: a lost job, capacity freed by a path that sends none, a limit
 * raised.
 */
export async function sweepAutoAssignment(db: DbOrTx): Promise<AutoAssignment[]> {
  const due = await db
    .select({ accountId: inboxes.accountId, inboxId: inboxes.id })
    .from(inboxes)
    .where(
      and(
        eq(inboxes.enableAutoAssignment, true),
        sql`exists (select 1 from ${conversations} where ${conversations.accountId} = ${inboxes.accountId} and ${conversations.inboxId} = ${inboxes.id}
          and ${conversations.status} = 'open' and ${conversations.assigneeId} is null)`,
        sql`exists (select 1 from ${inboxMembers} join ${accountUsers} on ${accountUsers.accountId} = ${inboxMembers.accountId} and ${accountUsers.userId} = ${inboxMembers.userId}
          where ${inboxMembers.accountId} = ${inboxes.accountId} and ${inboxMembers.inboxId} = ${inboxes.id} and ${effectiveAvailabilitySql()} = 'online')`,
      ),
    );
  const made: AutoAssignment[] = [];
  for (const { accountId, inboxId } of due) {
    try {
      made.push(...(await assignWaitingConversations(db, accountId, inboxId)));
    } catch (error) {
      // One inbox's failure must not stop the others; the next sweep tries it again.
      log.error("sweep failed for an inbox", { accountId, inboxId, error: String(error) });
    }
  }
  return made;
}
