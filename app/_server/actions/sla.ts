"use server";

import { z } from "zod";
import { applySlaPolicy } from "@/lib/sla/apply";
import { createSlaPolicy, deleteSlaPolicy, listSlaPolicies, updateSlaPolicy, type SlaPolicyInput } from "@/lib/sla/policies";
import { serverAction } from "../action";

const id = z.number().int().positive();
// The domain validates the policy's fields (lib/sla/policies.ts); here only the envelope.
const fields = z.record(z.string(), z.unknown());

/** Settings → SLA: save a policy (new or edited), delete one. */
export const saveSlaPolicyAction = serverAction(z.object({ accountId: id, policyId: id.optional(), policy: fields }), async ({ db, actor }, { accountId, policyId, policy }) => {
  const saved = policyId ? await updateSlaPolicy(db, actor, accountId, policyId, policy as Partial<SlaPolicyInput>) : await createSlaPolicy(db, actor, accountId, policy as SlaPolicyInput);
  return { id: saved.id };
});

export const deleteSlaPolicyAction = serverAction(z.object({ accountId: id, policyId: id }), async ({ db, actor }, { accountId, policyId }) => {
  await deleteSlaPolicy(db, actor, accountId, policyId);
  return null;
});

/** The conversation's SLA picker: the account's policies (read when it opens). */
export const listSlaPoliciesAction = serverAction(
  z.object({ accountId: id }),
  async ({ db, actor }, { accountId }) => (await listSlaPolicies(db, actor, accountId)).map((p) => ({ id: p.id, name: p.name })),
  { refresh: false },
);

/** Puts the conversation under a policy, or none (null). The header updates from the live event. */
export const applySlaAction = serverAction(z.object({ accountId: id, displayId: id, slaPolicyId: id.nullable() }), async ({ db, actor }, { accountId, displayId, slaPolicyId }) => {
  await applySlaPolicy(db, actor, accountId, displayId, { slaPolicyId });
  return null;
});
