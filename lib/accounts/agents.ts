import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { effectiveAvailabilitySql } from "@/db/queries/effective-availability";
import { accountUsers, customRoles, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { inTransaction } from "@/db/transaction";
import { emitPresenceUpdate } from "@/lib/realtime/emit";
import { isAdministrator, requireAccountAccess } from "./access";
import { nextMembershipVersion } from "./availability";
import { endRealtimeAccess } from "@/lib/realtime/revoke";
import { findCustomRole } from "@/lib/roles/custom-roles";

/** A user as a member of one account (Chatwoot's "agent"). `id` is the user id. */
export type Agent = {
  id: number;
  accountId: number;
  name: string;
  displayName: string | null;
  email: string;
  role: "administrator" | "agent";
  /** A custom role in place of "agent" (lib/accounts/permissions.ts), or null. */
  customRoleId: number | null;
  customRoleName: string | null;
  /** Has proved they own the address (users.confirmed_at): Chatwoot's `confirmed`. */
  confirmed: boolean;
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
  customRoleId: accountUsers.customRoleId,
  customRoleName: customRoles.name,
  confirmed: sql<boolean>`${users.confirmedAt} is not null`,
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
    .leftJoin(customRoles, eq(customRoles.id, accountUsers.customRoleId))
    .where(eq(accountUsers.accountId, accountId))
    .orderBy(asc(users.name), asc(users.id));
}

export async function getAgent(db: DbOrTx, accountId: number, userId: number): Promise<Agent | null> {
  const [row] = await db
    .select(agentColumns)
    .from(accountUsers)
    .innerJoin(users, eq(users.id, accountUsers.userId))
    .leftJoin(customRoles, eq(customRoles.id, accountUsers.customRoleId))
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
  /** A custom role of the account (the member becomes an "agent" with its permissions), or null for none. */
  customRoleId: z.number().int().positive().nullable().optional(),
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
 * still works). The last verified administrator cannot be demoted, or the account would have nobody to
 * manage it.
 */
export async function updateAgent(db: DbOrTx, actor: Actor, accountId: number, userId: number, params: UpdateAgentInput): Promise<Agent> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(updateAgentInput, params);
  if (!isAdministrator(access)) {
    const onlyOwnFields = access.userId === userId && input.role === undefined && input.customRoleId === undefined;
    if (!onlyOwnFields) throw forbidden("Only administrators can change agents");
  }
  return inTransaction(db, async (tx, afterCommit) => {
    const current = await getAgent(tx, accountId, userId);
    if (!current) throw notFound("Agent");
    if (input.name !== undefined && input.name !== current.name && access.userId !== userId) throw forbidden(NAME_OWNED_BY_USER_MESSAGE);
    // A custom role makes the member an agent with its permissions; administrator clears it.
    const nextCustomRoleId = input.role === "administrator" ? null : input.customRoleId !== undefined ? input.customRoleId : current.customRoleId;
    const nextRole = nextCustomRoleId !== null ? "agent" : (input.role ?? current.role);
    if (nextCustomRoleId !== null && nextCustomRoleId !== current.customRoleId) await findCustomRole(tx, accountId, nextCustomRoleId);
    if (nextRole === "agent" && current.role === "administrator") {
      await assertAnotherVerifiedAdministrator(tx, accountId, userId, "The last verified administrator cannot be made an agent");
    }
    const membership: Partial<typeof accountUsers.$inferInsert> = {};
    const roleChanged = nextRole !== current.role || nextCustomRoleId !== current.customRoleId;
    if (roleChanged) Object.assign(membership, { role: nextRole, customRoleId: nextCustomRoleId });
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
      if (roleChanged) afterCommit(() => endRealtimeAccess([userId]));
    }
    if (input.name !== undefined && input.name !== current.name) {
      await tx.update(users).set({ name: input.name, updatedAt: new Date() }).where(eq(users.id, userId));
    }
    const updated = await getAgent(tx, accountId, userId);
    if (!updated) throw notFound("Agent");
    return updated;
  });
}

export { removeAgent } from "./remove-agent";

/**
 * Refuses to take away the last verified administrator (one who proved they own their address,
 * users.confirmed_at): an unverified one might never be able to sign in. Locks every
 * administrator row of the account first, so two concurrent demotions or removals queue here and
 * the second sees the first's result (a row no longer "administrator" drops out of the re-check).
 */
export async function assertAnotherVerifiedAdministrator(tx: DbOrTx, accountId: number, exceptUserId: number, message: string) {
  const admins = await tx
    .select({ userId: accountUsers.userId })
    .from(accountUsers)
    .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.role, "administrator")))
    .orderBy(asc(accountUsers.id))
    .for("update");
  const others = admins.map((a) => a.userId).filter((id) => id !== exceptUserId);
  if (others.length === 0) throw new AppError("invalid", message);
  const [verified] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, others), isNotNull(users.confirmedAt)))
    .limit(1);
  if (!verified) throw new AppError("invalid", message);
}
