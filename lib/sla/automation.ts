import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { applySlaPolicy } from "./apply";

/**
 * A rule's `add_sla` action (Chatwoot's name; params: [policy id]): puts the conversation under
 * the policy as the rule. Registered in lib/automation/actions.ts; kept here with the SLA code.
 */
export async function addSlaAction(db: DbOrTx, actor: Actor, accountId: number, displayId: number, policyId: number): Promise<undefined> {
  await applySlaPolicy(db, actor, accountId, displayId, { slaPolicyId: policyId });
  return undefined;
}

/** Why an `add_sla` action's params are refused, or null. */
export const checkAddSlaParams = (p: unknown): string | null => (Number.isInteger(Number(p)) && Number(p) > 0 ? null : "Name an SLA policy id");
