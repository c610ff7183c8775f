import { and, asc, eq, inArray, isNotNull, notInArray, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { accountUsers, conversations, inboxMembers, inboxes, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { inTransaction } from "@/db/transaction";
import { endRealtimeAccess } from "@/lib/realtime/revoke";

export type InboxMember = {
  id: number;
  name: string;
  displayName: string | null;
  email: string;
  role: "administrator" | "agent";
  availability: "online" | "busy" | "offline";
  /** False for an administrator listed as assignable without being a member of the inbox. */
  inboxMember?: boolean;
};

/** Members of an inbox, i.e. who can see its conversations and be assigned to them. */
export async function listInboxMembers(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<InboxMember[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  await assertInboxAccess(db, access, inboxId);
  return selectMembers(db, accountId, inboxId);
}

/**
 * Who can be assigned a conversation of the inbox: its members, then the account's administrators
 * who are not members (they see every inbox), flagged `inboxMember: false`. One query.
 */
export async function listAssignableAgents(db: DbOrTx, actor: Actor, accountId: number, inboxId: number): Promise<InboxMember[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  await assertInboxAccess(db, access, inboxId);
  return assignableAgentsOf(db, accountId, inboxId);
}

/**
 * listAssignableAgents without its checks, for a caller already shown to see the inbox (the open
 * conversation's visibility includes its inbox's): the page reads it beside the thread, not after
 * one more round trip.
 */
export async function assignableAgentsOf(db: DbOrTx, accountId: number, inboxId: number): Promise<InboxMember[]> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      displayName: users.displayName,
      email: users.email,
      role: accountUsers.role,
      availability: accountUsers.availability,
      memberId: inboxMembers.id,
    })
    // From users, not account_users: this is a list of people, not the caller's membership check.
    .from(users)
    .innerJoin(accountUsers, and(eq(accountUsers.userId, users.id), eq(accountUsers.accountId, accountId)))
    .leftJoin(inboxMembers, and(eq(inboxMembers.accountId, accountUsers.accountId), eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, accountUsers.userId)))
    .where(and(eq(accountUsers.accountId, accountId), or(isNotNull(inboxMembers.id), eq(accountUsers.role, "administrator"))))
    .orderBy(asc(users.name), asc(users.id));
  const agents = rows.map(({ memberId, ...a }) => ({ ...a, inboxMember: memberId !== null }));
  return [...agents.filter((a) => a.inboxMember), ...agents.filter((a) => !a.inboxMember)];
}

/** The columns of an InboxMember, read from users joined with their account_users row. */
export const inboxMemberColumns = {
  id: users.id,
  name: users.name,
  displayName: users.displayName,
  email: users.email,
  role: accountUsers.role,
  availability: accountUsers.availability,
};

async function selectMembers(db: DbOrTx, accountId: number, inboxId: number): Promise<InboxMember[]> {
  return db
    .select(inboxMemberColumns)
    .from(inboxMembers)
    .innerJoin(users, eq(users.id, inboxMembers.userId))
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, inboxMembers.accountId), eq(accountUsers.userId, inboxMembers.userId)))
    .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.inboxId, inboxId)))
    .orderBy(asc(users.name), asc(users.id));
}

export const inboxMembersInput = z.object({
  userIds: z.array(z.number().int().positive()).max(1000),
});
export type InboxMembersInput = z.input<typeof inboxMembersInput>;

/** Inserts memberships after checking every user belongs to the account. Idempotent. */
export async function insertInboxMembers(tx: DbOrTx, accountId: number, inboxId: number, userIds: number[]): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const found = await tx
    .select({ userId: accountUsers.userId })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), inArray(accountUsers.userId, unique)));
  if (found.length !== unique.length) throw invalid("Every member must be an agent of this account");
  await tx
    .insert(inboxMembers)
    .values(unique.map((userId) => ({ accountId, inboxId, userId })))
    .onConflictDoNothing();
}

async function requireInboxForAdmin(db: DbOrTx, actor: Actor, accountId: number, inboxId: number) {
  const access = await requireAccountAccess(db, actor, accountId);
  requirePermission(access, "inbox_manage");
  const [inbox] = await db
    .select({ id: inboxes.id })
    .from(inboxes)
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)))
    .limit(1);
  if (!inbox) throw notFound("Inbox");
}

/**
 * Someone who leaves an inbox can no longer see its conversations, so they stop being their
 * assignee too (as in Chatwoot); the conversations go back to Unassigned.
 */
async function unassignNonMembers(tx: DbOrTx, accountId: number, inboxId: number, remainingUserIds: number[]) {
  await tx
    .update(conversations)
    .set({ assigneeId: null, updatedAt: new Date() })
    .where(
      and(
        eq(conversations.accountId, accountId),
        eq(conversations.inboxId, inboxId),
        remainingUserIds.length > 0 ? notInArray(conversations.assigneeId, remainingUserIds) : isNotNull(conversations.assigneeId),
      ),
    );
}

/** Replaces the member list with exactly these users (Chatwoot's PATCH inbox_members). */
export async function setInboxMembers(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, params: InboxMembersInput): Promise<InboxMember[]> {
  await requireInboxForAdmin(db, actor, accountId, inboxId);
  const { userIds } = parseInput(inboxMembersInput, params);
  await inTransaction(db, async (tx, afterCommit) => {
    const removed = await tx
      .delete(inboxMembers)
      .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.inboxId, inboxId)))
      .returning({ userId: inboxMembers.userId });
    await insertInboxMembers(tx, accountId, inboxId, userIds);
    await unassignNonMembers(tx, accountId, inboxId, userIds);
    // Those who left stop receiving the inbox's live events at once (lib/realtime/revoke.ts).
    const left = removed.map((r) => r.userId).filter((id) => !userIds.includes(id));
    if (left.length > 0) afterCommit(() => endRealtimeAccess(left));
  });
  return selectMembers(db, accountId, inboxId);
}

export async function addInboxMembers(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, params: InboxMembersInput): Promise<InboxMember[]> {
  await requireInboxForAdmin(db, actor, accountId, inboxId);
  const { userIds } = parseInput(inboxMembersInput, params);
  await insertInboxMembers(db, accountId, inboxId, userIds);
  return selectMembers(db, accountId, inboxId);
}

export async function removeInboxMembers(db: DbOrTx, actor: Actor, accountId: number, inboxId: number, params: InboxMembersInput): Promise<InboxMember[]> {
  await requireInboxForAdmin(db, actor, accountId, inboxId);
  const { userIds } = parseInput(inboxMembersInput, params);
  if (userIds.length > 0) {
    await inTransaction(db, async (tx, afterCommit) => {
      await tx
        .delete(inboxMembers)
        .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.inboxId, inboxId), inArray(inboxMembers.userId, userIds)));
      afterCommit(() => endRealtimeAccess(userIds));
      await tx
        .update(conversations)
        .set({ assigneeId: null, updatedAt: new Date() })
        .where(and(eq(conversations.accountId, accountId), eq(conversations.inboxId, inboxId), inArray(conversations.assigneeId, userIds)));
    });
  }
  return selectMembers(db, accountId, inboxId);
}
