import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { slaPolicies, type SlaPolicy } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, requireAdministrator } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";

/** Targets are seconds, as Chatwoot's thresholds; at most a year. */
const MAX_SECONDS = 366 * 24 * 3600;
const seconds = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : v === null ? null : v),
  z.coerce.number().min(0, "A target can't be negative").max(MAX_SECONDS, "A target is at most a year").transform(Math.round).nullable().optional(),
);
const flag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"])]).transform((v) => v === true || v === "true" || v === "1");

/** Chatwoot's fields (`sla_policy` params). */
export const slaPolicyInput = z.object({
  name: z.string().trim().min(1, "Name can't be blank").max(255),
  description: z.string().max(2000).nullable().optional(),
  first_response_time_threshold: seconds,
  next_response_time_threshold: seconds,
  resolution_time_threshold: seconds,
  only_during_business_hours: flag.optional(),
});
export type SlaPolicyInput = z.input<typeof slaPolicyInput>;
const slaPolicyUpdate = slaPolicyInput.partial();

const columns = (input: z.output<typeof slaPolicyUpdate>) => ({
  ...(input.name !== undefined ? { name: input.name } : {}),
  ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
  ...(input.first_response_time_threshold !== undefined ? { firstResponseSeconds: input.first_response_time_threshold } : {}),
  ...(input.next_response_time_threshold !== undefined ? { nextResponseSeconds: input.next_response_time_threshold } : {}),
  ...(input.resolution_time_threshold !== undefined ? { resolutionSeconds: input.resolution_time_threshold } : {}),
  ...(input.only_during_business_hours !== undefined ? { onlyDuringBusinessHours: input.only_during_business_hours } : {}),
});

/** Every member may read the policies (the conversation's picker lists them). */
export async function listSlaPolicies(db: DbOrTx, actor: Actor, accountId: number): Promise<SlaPolicy[]> {
  await requireAccountAccess(db, actor, accountId);
  return db.select().from(slaPolicies).where(eq(slaPolicies.accountId, accountId)).orderBy(asc(slaPolicies.name), asc(slaPolicies.id));
}

export async function getSlaPolicy(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<SlaPolicy> {
  await requireAccountAccess(db, actor, accountId);
  return findSlaPolicy(db, accountId, id);
}

export async function findSlaPolicy(db: DbOrTx, accountId: number, id: number): Promise<SlaPolicy> {
  const [row] = await db.select().from(slaPolicies).where(and(eq(slaPolicies.accountId, accountId), eq(slaPolicies.id, id)));
  if (!row) throw notFound("SLA policy");
  return row;
}

export async function createSlaPolicy(db: DbOrTx, actor: Actor, accountId: number, params: SlaPolicyInput): Promise<SlaPolicy> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const input = parseInput(slaPolicyInput, params);
  const [row] = await db
    .insert(slaPolicies)
    .values({ accountId, name: input.name, ...columns(input) })
    .returning();
  return row;
}

/**
 * Changes a policy. Conversations under it keep their recorded outcomes; their due times follow
 * the new targets at the next sweep (lib/sla/evaluate.ts).
 */
export async function updateSlaPolicy(db: DbOrTx, actor: Actor, accountId: number, id: number, params: Partial<SlaPolicyInput>): Promise<SlaPolicy> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const input = parseInput(slaPolicyUpdate, params);
  const [row] = await db
    .update(slaPolicies)
    .set({ ...columns(input), updatedAt: new Date() })
    .where(and(eq(slaPolicies.accountId, accountId), eq(slaPolicies.id, id)))
    .returning();
  if (!row) throw notFound("SLA policy");
  return row;
}

/** Deletes a policy; the conversations under it are no longer (their applied SLA goes with it). */
export async function deleteSlaPolicy(db: DbOrTx, actor: Actor, accountId: number, id: number): Promise<void> {
  requireAdministrator(await requireAccountAccess(db, actor, accountId));
  const [row] = await db
    .delete(slaPolicies)
    .where(and(eq(slaPolicies.accountId, accountId), eq(slaPolicies.id, id)))
    .returning({ id: slaPolicies.id });
  if (!row) throw notFound("SLA policy");
}
