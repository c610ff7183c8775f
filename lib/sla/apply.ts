import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { appliedSlas, conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import { actorName, insertActivityMessage } from "@/lib/messages/activity";
import { emitConversationUpdated } from "@/lib/realtime/emit";
import { evaluateLoaded, loadForUpdate } from "./evaluate";
import { findSlaPolicy } from "./policies";

export const applySlaInput = z.object({ slaPolicyId: z.coerce.number().int().positive().nullable() });
export type ApplySlaInput = z.input<typeof applySlaInput>;

/**
 * Puts a conversation under a policy (or none, with null), by hand, through the API's
 * `sla_policy_id` or a rule's `add_sla`. Any member who sees the conversation may. The timers are
 * computed at once (a deadline already past is a breach at once, as the clocks start when the
 * conversation was created); applying the policy it already has changes nothing.
 */
export async function applySlaPolicy(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ApplySlaInput,
  now: Date = new Date(),
): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const { slaPolicyId } = parseInput(applySlaInput, params);
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    const [current] = await tx
      .select({ id: appliedSlas.id, slaPolicyId: appliedSlas.slaPolicyId })
      .from(appliedSlas)
      .where(and(eq(appliedSlas.accountId, accountId), eq(appliedSlas.conversationId, conversation.id)));
    if ((current?.slaPolicyId ?? null) === slaPolicyId) return loadConversationSummary(tx, accountId, conversation.id);
    const name = (await actorName(tx, access)) ?? "Automation";
    // The row changes what it shows: a newer version for live lists (before the SLA's own stamp).
    await tx.update(conversations).set({ updatedAt: new Date() }).where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));

    if (slaPolicyId === null) {
      await tx.delete(appliedSlas).where(and(eq(appliedSlas.accountId, accountId), eq(appliedSlas.conversationId, conversation.id)));
      await insertActivityMessage(tx, conversation, `${name} removed the SLA policy`);
      const summary = await loadConversationSummary(tx, accountId, conversation.id);
      emitConversationUpdated(afterCommit, summary);
      return summary;
    }

    const policy = await findSlaPolicy(tx, accountId, slaPolicyId);
    // Another policy starts over: its own outcomes and breaches.
    const reset = { slaPolicyId, status: "active" as const, outcomes: {}, frtDueAt: null, nrtDueAt: null, rtDueAt: null, nextDueAt: null, breachedAt: null, updatedAt: new Date() };
    const [row] = await tx
      .insert(appliedSlas)
      .values({ accountId, conversationId: conversation.id, ...reset })
      .onConflictDoUpdate({ target: [appliedSlas.accountId, appliedSlas.conversationId], set: reset })
      .returning({ id: appliedSlas.id });
    await insertActivityMessage(tx, conversation, `${name} applied the SLA policy ${policy.name}`);
    const loaded = await loadForUpdate(tx, accountId, row.id);
    if (!loaded) throw notFound("SLA policy");
    const { changed, breaches } = await evaluateLoaded(tx, afterCommit, loaded, now);
    const summary = await loadConversationSummary(tx, accountId, conversation.id);
    // evaluateLoaded published it when the timers moved; a policy with no targets still shows its name.
    if (!changed && breaches === 0) emitConversationUpdated(afterCommit, summary);
    return summary;
  });
}
