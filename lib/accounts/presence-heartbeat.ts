import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { effectiveAvailabilitySql, PRESENCE_STALE } from "@/db/queries/effective-availability";
import { accountUsers } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { emitPresenceUpdate } from "@/lib/realtime/emit";
import { requireAccountAccess } from "./access";
import { nextMembershipVersion, type AvailabilityChange } from "./availability";
import { requestAutoAssignment } from "@/lib/assignment/requests";

/**
 * "Online" means someone is there: every open app tab sends a heartbeat about once a minute
 * (components/realtime/use-presence.tsx), and an "online" agent with auto-offline whose last
 * heartbeat is older than PRESENCE_STALE_MINUTES reads as offline (effectiveAvailabilitySql).
 * Both edges reach open screens as `presence.update`: coming back here, going away in the sweep.
 */
export async function recordPresenceHeartbeat(db: DbOrTx, actor: Actor, accountId: number): Promise<AvailabilityChange> {
  if (actor.kind !== "user") throw new AppError("forbidden", "Only a signed-in user sends presence heartbeats");
  await requireAccountAccess(db, actor, accountId);
  const userId = actor.userId;
  return inTransaction(db, async (tx, afterCommit) => {
    const mine = and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId));
    // The row lock orders this against a concurrent change of availability.
    const [before] = await tx.select({ presence: effectiveAvailabilitySql() }).from(accountUsers).where(mine).for("update");
    if (!before) throw notFound("Account");
    const [after] = await tx.update(accountUsers).set({ lastSeenAt: sql`now()` }).where(mine).returning({ presence: effectiveAvailabilitySql() });
    if (!after) throw notFound("Account");
    if (after.presence === before.presence) {
      const [row] = await tx.select({ updatedAt: accountUsers.updatedAt }).from(accountUsers).where(mine);
      return { accountId, userId, availability: after.presence, version: row?.updatedAt.getTime() ?? 0 };
    }
    // Back from away: a new version, so screens that showed "offline" take the change.
    const [row] = await tx.update(accountUsers).set({ updatedAt: nextMembershipVersion }).where(mine).returning({ updatedAt: accountUsers.updatedAt });
    const change = { accountId, userId, availability: after.presence, version: row?.updatedAt.getTime() ?? 0 };
    emitPresenceUpdate(afterCommit, change);
    if (after.presence === "online") requestAutoAssignment(afterCommit, { accountId, userId });
    return change;
  });
}

/**
 * The other edge, for the cron (system sweep across accounts, like reopening snoozed
 * conversations): "online" agents whose heartbeats stopped are announced offline once. A row whose
 * updated_at is already past last_seen_at + the stale time was announced (or changed) since.
 */
export async function announceStalePresence(db: DbOrTx): Promise<AvailabilityChange[]> {
  return inTransaction(db, async (tx, afterCommit) => {
    const rows = await tx
      .update(accountUsers)
      .set({ updatedAt: nextMembershipVersion })
      .where(
        and(
          eq(accountUsers.availability, "online"),
          eq(accountUsers.autoOffline, true),
          sql`${accountUsers.lastSeenAt} < now() - ${PRESENCE_STALE}`,
          sql`${accountUsers.updatedAt} < ${accountUsers.lastSeenAt} + ${PRESENCE_STALE}`,
        ),
      )
      .returning({ accountId: accountUsers.accountId, userId: accountUsers.userId, updatedAt: accountUsers.updatedAt });
    const changes = rows.map((r) => ({ accountId: r.accountId, userId: r.userId, availability: "offline" as const, version: r.updatedAt.getTime() }));
    for (const change of changes) emitPresenceUpdate(afterCommit, change);
    return changes;
  });
}
