import { and, asc, eq, inArray, isNotNull, notInArray, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountUsers, conversationFollowers, inboxMembers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { invalid } from "@/lib/errors";
import { inboxMemberColumns, type InboxMember } from "@/lib/inboxes/members";
import { emitFollowersChanged } from "@/lib/realtime/narrowed-audience";
import { findVisibleConversation } from "./find-conversation";

/** Agents following a conversation: Chatwoot's participants (`user_ids`). */
export const participantsInput = z.object({ userIds: z.array(z.number().int().positive()).max(100) });
export type ParticipantsInput = z.input<typeof participantsInput>;
export type ParticipantChange = "add" | "replace" | "remove";

async function selectParticipants(db: DbOrTx, accountId: number, conversationId: number): Promise<InboxMember[]> {
  return db
    .select(inboxMemberColumns)
    .from(conversationFollowers)
    .innerJoin(users, eq(users.id, conversationFollowers.userId))
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, conversationFollowers.accountId), eq(accountUsers.userId, conversationFollowers.userId)))
    .where(and(eq(conversationFollowers.accountId, accountId), eq(conversationFollowers.conversationId, conversationId)))
    .orderBy(asc(users.name), asc(users.id));
}

export async function listParticipants(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<InboxMember[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  const conversation = await findVisibleConversation(db, access, displayId);
  return selectParticipants(db, accountId, conversation.id);
}

/**
 * Adds, replaces or removes followers. Each must be able to see the conversation (a member of its
 * inbox, or an administrator), so following never reveals a conversation to someone outside it.
 */
export async function changeParticipants(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  change: ParticipantChange,
  params: ParticipantsInput,
): Promise<InboxMember[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  const userIds = [...new Set(parseInput(participantsInput, params).userIds)];
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    if (change !== "remove" && userIds.length > 0) await requireCanSee(tx, accountId, conversation.inboxId, userIds);
    const before = await selectParticipants(tx, accountId, conversation.id);
    const scope = and(eq(conversationFollowers.accountId, accountId), eq(conversationFollowers.conversationId, conversation.id));
    if (change === "remove") {
      if (userIds.length > 0) await tx.delete(conversationFollowers).where(and(scope, inArray(conversationFollowers.userId, userIds)));
    } else {
      if (change === "replace") {
        await tx.delete(conversationFollowers).where(userIds.length > 0 ? and(scope, notInArray(conversationFollowers.userId, userIds)) : scope);
      }
      if (userIds.length > 0) {
        await addFollowers(tx, accountId, conversation.id, userIds);
      }
    }
    const after = await selectParticipants(tx, accountId, conversation.id);
    // A member whose custom role shows them only what they follow gains or loses it live.
    emitFollowersChanged(afterCommit, { accountId, conversationId: conversation.id, before: before.map((p) => p.id), after: after.map((p) => p.id) });
    return after;
  });
}

/** Followers added without checks: callers have checked that each can see the conversation (a mention, a reply). */
export async function addFollowers(tx: DbOrTx, accountId: number, conversationId: number, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insert(conversationFollowers)
    .values(userIds.map((userId) => ({ accountId, conversationId, userId })))
    .onConflictDoNothing();
}

/** The users of `userIds` who can see the inbox's conversations: its members and the account's administrators. */
export async function usersWhoCanSee(db: DbOrTx, accountId: number, inboxId: number, userIds: number[]): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ id: accountUsers.userId })
    .from(accountUsers)
    .leftJoin(inboxMembers, and(eq(inboxMembers.accountId, accountUsers.accountId), eq(inboxMembers.inboxId, inboxId), eq(inboxMembers.userId, accountUsers.userId)))
    .where(and(eq(accountUsers.accountId, accountId), inArray(accountUsers.userId, userIds), or(eq(accountUsers.role, "administrator"), isNotNull(inboxMembers.id))));
  return rows.map((r) => r.id);
}

async function requireCanSee(db: DbOrTx, accountId: number, inboxId: number, userIds: number[]) {
  const allowed = new Set(await usersWhoCanSee(db, accountId, inboxId, userIds));
  if (userIds.some((id) => !allowed.has(id))) throw invalid("Participants must be members of the conversation's inbox or administrators");
}
