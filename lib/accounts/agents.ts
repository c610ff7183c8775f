import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { effectiveAvailabilitySql } from "@/db/queries/effective-availability";
import { accountUsers, conversations, inboxMembers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { inTransaction } from "@/db/transaction";
import { emitPresenceUpdate } from "@/lib/realtime/emit";
import { isAdministrator, requireAccountAccess, requireAdministrator } from "./access";
import { nextMembershipVersion } from "./availability";
import { endRealtimeAccess } from "@/lib/realtime/revoke";

/** A user as a member of one account (Chatwoot's "agent"). `id` is the user id. */
export type Agent = {
  id: number;
  accountId: number;
  name: string;
  displayName: string | null;
  email: string;
  role: "administrator" | "agent";
  /** What the agent chose. */
  availability: "online" | "busy" | "offline";
  /** What others see: offline while an "online" agent with autoOffline has no open app tab. */
  presence: "online" | "busy" | "offline";
  autoOffline: boolean;
  createdAt: Date;
};

const agentColumns = {
  id: users.id,
  accountId: accountUsers.accountId,
  name: users.name,
  displayName: users.displayName,
  email: users.email,
  role: accountUsers.role,
  availability: accountUsers.availability,
  presence: effectiveAvailabilitySql(),
  autoOffline: accountUsers.autoOffline,
  createdAt: accountUsers.createdAt,
};

export async function listAgents(db: DbOrTx, actor: Actor, accountId: number): Promise<Agent[]> {
  await requireAccountAccess(db, actor, accountId);
  return db
    .select(agentColumns)
    .from(accountUsers)
    .innerJoin(users, eq(users.id, accountUsers.userId))
    .where(eq(accountUsers.accountId, accountId))
    .orderBy(asc(users.name), asc(users.id));
}

export async function getAgent(db: DbOrTx, accountId: number, userId: number): Promise<Agent | null> {
  const [row] = await db
    .select(agentColumns)
    .from(accountUsers)
    .innerJoin(users, eq(users.id, accountUsers.userId))
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
    .limit(1);
  return row ?? null;
}

const role = z.enum(["administrator", "agent"]);
const availability = z.enum(["online", "busy", "offline"]);

// Adding an agent is an invitation they accept: lib/accounts/invitations (inviteAgent).

export const updateAgentInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255).optional(),
  role: role.optional(),
  availability: availability.optional(),
  autoOffline: z.boolean().optional(),
});
export type UpdateAgentInput = z.input<typeof updateAgentInput>;

export const NAME_OWNED_BY_USER_MESSAGE =
  "Only the person can change their own name (in their profile): a user's name is the same in every account they belong to.";

/**
 * Administrators change role and availability; an agent may change only their own availability.
 * A name belongs to the user, who may belong to other accounts too: only they change it (a name
 * sent for someone else is refused unless it is unchanged, so a client echoing the whole agent
 * still works). The last administrator cannot be demoted, or the account would have nobody to
 * manage it.
 */
export async function updateAgent(db: DbOrTx, actor: Actor, accountId: number, userId: number, params: UpdateAgentInput): Promise<Agent> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(updateAgentInput, params);
  if (!isAdministrator(access)) {
    const onlyOwnFields = access.userId === userId && input.role === undefined;
    if (!onlyOwnFields) throw forbidden("Only administrators can change agents");
  }
  return inTransaction(db, async (tx, afterCommit) => {
    const current = await getAgent(tx, accountId, userId);
    if (!current) throw notFound("Agent");
    if (input.name !== undefined && input.name !== current.name && access.userId !== userId) throw forbidden(NAME_OWNED_BY_USER_MESSAGE);
    if (input.role === "agent" && current.role === "administrator") {
      await assertAnotherAdministrator(tx, accountId, userId, "The last administrator cannot be made an agent");
    }
    const membership: Partial<typeof accountUsers.$inferInsert> = {};
    if (input.role !== undefined) membership.role = input.role;
    if (input.availability !== undefined) membership.availability = input.availability;
    if (input.autoOffline !== undefined) membership.autoOffline = input.autoOffline;
    if (Object.keys(membership).length > 0) {
      const [saved] = await tx
        .update(accountUsers)
        .set({ ...membership, updatedAt: nextMembershipVersion })
        .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
        .returning({ presence: effectiveAvailabilitySql(), updatedAt: accountUsers.updatedAt });
      if (saved && saved.presence !== current.presence) {
        emitPresenceUpdate(afterCommit, { accountId, userId, availability: saved.presence, version: saved.updatedAt.getTime() });
      }
      // A demoted administrator loses the inboxes they were not a member of: live events too.
      if (input.role !== undefined && input.role !== current.role) afterCommit(() => endRealtimeAccess([userId]));
    }
    if (input.name !== undefined && input.name !== current.name) {
      await tx.update(users).set({ name: input.name, updatedAt: new Date() }).where(eq(users.id, userId));
    }
    const updated = await getAgent(tx, accountId, userId);
    if (!updated) throw notFound("Agent");
    return updated;
  });
}

/**
 * Removes the user from the account (the user itself stays: it may belong to other accounts).
 * Their inbox memberships in this account go, and their conversations here become unassigned.
 */
export async function removeAgent(db: DbOrTx, actor: Actor, accountId: number, userId: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  if (access.userId === userId) throw forbidden("You cannot remove yourself from the account");
  await inTransaction(db, async (tx, afterCommit) => {
    const current = await getAgent(tx, accountId, userId);
    if (!current) throw notFound("Agent");
    if (current.role === "administrator") {
      await assertAnotherAdministrator(tx, accountId, userId, "The last administrator cannot be removed");
    }
    afterCommit(() => endRealtimeAccess([userId]));
    await tx.delete(inboxMembers).where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.userId, userId)));
    await tx
      .update(conversations)
      .set({ assigneeId: null, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.assigneeId, userId)));
    await tx.delete(accountUsers).where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)));
    // Realtime revocation (ending the removed user's subscriptions to this account) belongs here, as an afterCommit effect.
  });
}

// Locks the account's administrator rows so two concurrent demotions cannot both pass the check.
async function assertAnotherAdministrator(tx: DbOrTx, accountId: number, exceptUserId: number, message: string) {
  const admins = await tx
    .select({ userId: accountUsers.userId })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.role, "administrator")))
    .for("update");
  if (!admins.some((a) => a.userId !== exceptUserId)) throw new AppError("invalid", message);
}
