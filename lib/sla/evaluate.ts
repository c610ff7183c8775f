import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { inTransaction, type AfterCommit } from "@/db/transaction";
import { appliedSlas, conversations, slaPolicies, type AppliedSla, type SlaPolicy } from "@/db/schema";
import { readInboxBusinessHours } from "@/lib/business-hours/settings";
import { loadConversationSummary } from "@/lib/conversations/find-conversation";
import { createLogger } from "@/lib/logger";
import { emitConversationUpdated } from "@/lib/realtime/emit";
import { recordBreach } from "./breaches";
import { slaState, type ConversationClock } from "./timers";

const log = createLogger("sla");

/** Applied SLAs one sweep evaluates at most (the next sweep takes the rest). */
const PER_SWEEP = 500;

type Loaded = {
  applied: AppliedSla;
  policy: SlaPolicy;
  conversation: ConversationClock & { id: number; displayId: number; inboxId: number; assigneeId: number | null };
};

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Brings one applied SLA up to `now`: its due times (business hours when the policy says so),
 * outcomes and status, and records each newly missed target (./breaches.ts). An SLA that ended
 * (hit or missed) on a conversation open again starts a new round at `now`: the first response
 * keeps its outcome, resolution and next response count from the reopening. Publishes the
 * conversation when what a row shows changed, unless the caller's own event carries the row
 * (`publish: false`). The caller holds the conversation's and the SLA's row locks.
 */
export async function evaluateLoaded(
  tx: Tx,
  afterCommit: AfterCommit,
  row: Loaded,
  now: Date,
  options: { publish?: boolean } = {},
): Promise<{ changed: boolean; breaches: number }> {
  const { applied, policy, conversation } = row;
  const reopened = (applied.status === "hit" || applied.status === "missed") && conversation.status !== "resolved";
  const outcomes = reopened ? (applied.outcomes.frt ? { frt: applied.outcomes.frt } : {}) : applied.outcomes;
  const restartedAt = reopened ? now : applied.restartedAt;
  const schedule = policy.onlyDuringBusinessHours ? (await readInboxBusinessHours(tx, applied.accountId, conversation.inboxId)).effective : null;
  const state = slaState(
    { firstResponseSeconds: policy.firstResponseSeconds, nextResponseSeconds: policy.nextResponseSeconds, resolutionSeconds: policy.resolutionSeconds },
    conversation,
    schedule,
    now,
    outcomes,
    { restartedAt, breached: applied.breachedAt !== null },
  );
  const changed =
    reopened ||
    state.status !== applied.status ||
    !same(state.frtDueAt, applied.frtDueAt) ||
    !same(state.nrtDueAt, applied.nrtDueAt) ||
    !same(state.rtDueAt, applied.rtDueAt) ||
    JSON.stringify(state.outcomes) !== JSON.stringify(applied.outcomes);
  const stamp = new Date();
  // A row shows the timers: a newer version, so live lists take the published row (list-patch.ts).
  if (changed) await tx.update(conversations).set({ updatedAt: stamp }).where(and(eq(conversations.accountId, applied.accountId), eq(conversations.id, conversation.id)));
  await tx
    .update(appliedSlas)
    .set({
      status: state.status,
      frtDueAt: state.frtDueAt,
      nrtDueAt: state.nrtDueAt,
      rtDueAt: state.rtDueAt,
      outcomes: state.outcomes,
      nextDueAt: state.nextDueAt,
      restartedAt,
      breachedAt: applied.breachedAt ?? (state.missed.length > 0 ? now : null),
      // The wall clock, not `now`: the sweep compares it with the conversation's own updated_at.
      updatedAt: stamp,
    })
    .where(and(eq(appliedSlas.accountId, applied.accountId), eq(appliedSlas.id, applied.id)));
  let breaches = 0;
  const target = { accountId: applied.accountId, appliedSlaId: applied.id, slaPolicyId: policy.id, policyName: policy.name, conversation };
  for (const miss of state.missed) if (await recordBreach(tx, afterCommit, target, miss.kind, miss.dueAt)) breaches++;
  if ((changed || breaches > 0) && options.publish !== false) emitConversationUpdated(afterCommit, await loadConversationSummary(tx, applied.accountId, conversation.id));
  return { changed, breaches };
}

export async function lockConversation(tx: Tx, accountId: number, conversationId: number): Promise<void> {
  await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversationId)))
    .for("update");
}

/** The applied SLA of a conversation with its policy and the conversation's clock, locked. */
export async function loadForUpdate(tx: Tx, accountId: number, appliedSlaId: number): Promise<Loaded | null> {
  const [row] = await tx
    .select({
      applied: appliedSlas,
      policy: slaPolicies,
      conversation: {
        id: conversations.id,
        displayId: conversations.displayId,
        inboxId: conversations.inboxId,
        assigneeId: conversations.assigneeId,
        createdAt: conversations.createdAt,
        firstReplyCreatedAt: conversations.firstReplyCreatedAt,
        waitingSince: conversations.waitingSince,
        status: conversations.status,
      },
    })
    .from(appliedSlas)
    .innerJoin(slaPolicies, and(eq(slaPolicies.accountId, appliedSlas.accountId), eq(slaPolicies.id, appliedSlas.slaPolicyId)))
    .innerJoin(conversations, and(eq(conversations.accountId, appliedSlas.accountId), eq(conversations.id, appliedSlas.conversationId)))
    .where(and(eq(appliedSlas.accountId, accountId), eq(appliedSlas.id, appliedSlaId)))
    .for("update", { of: appliedSlas });
  return row ?? null;
}

/**
 * The minute sweep (and tests, with their own clock): every running SLA whose next due time has
 * come, or whose conversation or policy changed since it was last evaluated (a reply, a customer
 * message, a resolve), is evaluated in its own transaction. Reads across accounts, then acts per
 * account, like the automation time sweep. Returns how many breaches were new.
 */
export async function sweepSlas(db: Db, now: Date): Promise<{ evaluated: number; breaches: number }> {
  const due = await db.execute<{ account_id: number; id: number; conversation_id: number }>(sql`
    select a.account_id, a.id, a.conversation_id
    from applied_slas a
    join conversations c on c.account_id = a.account_id and c.id = a.conversation_id
    join sla_policies p on p.account_id = a.account_id and p.id = a.sla_policy_id
    where a.status in ('active', 'active_with_misses')
      and (a.next_due_at <= ${now.toISOString()} or c.updated_at > a.updated_at or p.updated_at > a.updated_at)
    order by a.next_due_at nulls last, a.id
    limit ${PER_SWEEP}`);
  let breaches = 0;
  for (const { account_id: accountId, id, conversation_id: conversationId } of due) {
    try {
      breaches += await inTransaction(db, async (tx, afterCommit) => {
        // The conversation first, then its SLA: the order of a message or a status change (no deadlock with them).
        await lockConversation(tx, Number(accountId), Number(conversationId));
        const row = await loadForUpdate(tx, Number(accountId), Number(id));
        return row ? (await evaluateLoaded(tx, afterCommit, row, now)).breaches : 0;
      });
    } catch (error) {
      // One broken row must not stop the others; it is tried again next minute.
      log.error("could not evaluate an SLA", { accountId, appliedSlaId: id, error: String(error) });
    }
  }
  return { evaluated: due.length, breaches };
}
