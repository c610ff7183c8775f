import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { effectiveAvailabilitySql } from "@/db/queries/effective-availability";
import { accountUsers } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { AppError, notFound } from "@/lib/errors";
import { emitPresenceUpdate } from "@/lib/realtime/emit";
import { requireAccountAccess } from "./access";
import { requestAutoAssignment } from "@/lib/assignment/requests";

/** An agent's presence in one account, as they (or an administrator) set it. */
export const AVAILABILITIES = ["online", "busy", "offline"] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/**
 * The membership's next `updated_at`, which is also the version of `presence.update`: never
 * earlier than the one it replaces (a clock step, or two changes in the same millisecond), so
 * clients ordering events by version always keep the latest change. The row lock of the UPDATE
 * makes concurrent changes read each other's value.
 */
export const nextMembershipVersion = sql<Date>`greatest(clock_timestamp(), ${accountUsers.updatedAt} + interval '1 millisecond')`;

export const setOwnAvailabilityInput = z.object({ availability: z.enum(AVAILABILITIES) });

/** `availability` is what others see (see effectiveAvailabilitySql); `version` orders changes per user. */
export type AvailabilityChange = { accountId: number; userId: number; availability: Availability; version: number };

/**
 * Any member sets their own availability in the account (the avatar menu, POST
 * /api/v1/profile/availability). Everyone in the account sees it through `presence.update`.
 */
export async function setOwnAvailability(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: z.input<typeof setOwnAvailabilityInput>,
): Promise<AvailabilityChange> {
  if (actor.kind !== "user") throw new AppError("forbidden", "Only a signed-in user has an availability");
  await requireAccountAccess(db, actor, accountId);
  const { availability } = parseInput(setOwnAvailabilityInput, params);
  const userId = actor.userId;
  return inTransaction(db, async (tx, afterCommit) => {
    const [row] = await tx
      .update(accountUsers)
      // Whoever sets their availability is here: it counts as a presence heartbeat.
      .set({ availability, lastSeenAt: sql`now()`, updatedAt: nextMembershipVersion })
      .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
      .returning({ presence: effectiveAvailabilitySql(), updatedAt: accountUsers.updatedAt });
    if (!row) throw notFound("Account");
    const change = { accountId, userId, availability: row.presence, version: row.updatedAt.getTime() };
    emitPresenceUpdate(afterCommit, change);
    // Online again: conversations waiting in their inboxes can come to them.
    if (row.presence === "online") requestAutoAssignment(afterCommit, { accountId, userId });
    return change;
  });
}
