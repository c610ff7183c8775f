import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { automationRuleRuns, automationRules, type AutomationRule, type StoredAction } from "@/db/schema";
import { inTransaction, writeAtCommit } from "@/db/transaction";
import { systemActor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { performAction, type ActionContext, type ActionResult } from "./actions";
import { runAsAutomation } from "./context";
import type { AutomationEventRow } from "./evaluate";
import type { ConversationFacts } from "./facts";

const log = createLogger("automation");

/** Attempts of one action when it fails for a reason other than a refusal (a lost connection, a deadlock). */
const ACTION_ATTEMPTS = 3;
const RETRY_DELAY_MS = 200;

/**
 * Actions that only write the database (no mail, no outbound call, no long work): a rule made of
 * one of them runs it in one transaction with its run row.
 */
const IN_ONE_TRANSACTION = new Set([
  "add_label",
  "remove_label",
  "change_status",
  "resolve_conversation",
  "open_conversation",
  "pending_conversation",
  "snooze_conversation",
  "change_priority",
  "assign_team",
  "remove_assigned_team",
]);

/**
 * Fires one rule on one event: each action in order, as the system (a message in the name of the
 * rule's author), inside the rule's cause so the events the actions raise carry it; then the run
 * row with each action's result, in one write. A failing action is recorded on the run and
 * counted on the rule; the other actions still run and the rule stays active. Never twice per
 * event: the event was claimed (processed_at) before, one evaluation at a time, and a retried
 * evaluation skips the rules that already have a run row for it (evaluate.ts); the run row's
 * unique key (rule, event) keeps the log single.
 *
 * A rule of one database-only action (most rules: add a label, change the status) commits the
 * action and its run row together, so a crash cannot leave one without the other; the action's
 * domain function joins that transaction (no savepoint) and the run row goes with its other
 * deferred writes. Other rules write the run row after their actions (only a crash in between
 * would let a retry act again). The system actor carries the rule's account: the rule was read
 * from it, so the account is not looked up again for each action.
 */
export async function fireRule(db: Db, rule: AutomationRule, event: AutomationEventRow, conversation: ConversationFacts, explanation: string): Promise<boolean> {
  const ctx: ActionContext = { actor: systemActor(`automation rule #${rule.id}`, rule.accountId), writerId: rule.createdById, accountId: rule.accountId, displayId: conversation.displayId, eventName: rule.eventName, ruleId: rule.id };
  const cause = { depth: event.depth + 1, ruleIds: [...event.causedByRuleIds, rule.id] };
  const run = (results: ActionResult[]) => {
    const failures = results.filter((r) => r.status === "failed");
    const row = {
      accountId: rule.accountId,
      ruleId: rule.id,
      eventId: event.id,
      conversationId: conversation.id,
      displayId: conversation.displayId,
      outcome: failures.length > 0 ? ("failed" as const) : ("fired" as const),
      reason: explanation,
      actions: results,
    };
    return { row, failure: failures[0] };
  };
  let results: ActionResult[] | null = null;
  const [single] = rule.actions;
  if (rule.actions.length === 1 && IN_ONE_TRANSACTION.has(single.action_name)) {
    results = await runAsAutomation(cause, () =>
      performWithRetry(ctx, single, (action) =>
        inTransaction(
          db,
          async (tx) => {
            const note = await performAction(tx, ctx, action);
            const result = resultOf(action, note);
            await writeAtCommit(tx, tx.insert(automationRuleRuns).values(run([result]).row).onConflictDoNothing());
            return note;
          },
          undefined,
          { joinNested: true },
        ),
      ),
    ).then((result) => (result.status === "failed" ? [result] : null));
    // Done and recorded in one commit; a failure rolled it back and is recorded below.
    if (results === null) return true;
  }
  results ??= await runAsAutomation(cause, () => performActions(db, ctx, rule.actions));
  const { row, failure } = run(results);
  await db.insert(automationRuleRuns).values(row).onConflictDoNothing();
  if (failure) await recordRuleFailure(db, rule, `${failure.action} on #${conversation.displayId}: ${failure.detail ?? "failed"}`);
  return true;
}

/** What performAction answered: nothing done and why (a string), done and what (`{ done }`), or done. */
const resultOf = (action: StoredAction, note: string | { done: string } | undefined): ActionResult =>
  typeof note === "object"
    ? { action: action.action_name, status: "done", detail: note.done }
    : note
      ? { action: action.action_name, status: "skipped", detail: note }
      : { action: action.action_name, status: "done" };

/** Runs actions in order; each failure is recorded and the next action still runs. */
export async function performActions(db: DbOrTx, ctx: ActionContext, actions: readonly StoredAction[]): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  for (const action of actions) results.push(await performWithRetry(ctx, action, (a) => performAction(db, ctx, a)));
  return results;
}

async function performWithRetry(ctx: ActionContext, action: StoredAction, perform: (action: StoredAction) => Promise<string | { done: string } | undefined>): Promise<ActionResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return resultOf(action, await perform(action));
    } catch (error) {
      // A refusal (not found, not allowed, invalid) will not change on a retry.
      if (isAppError(error)) return { action: action.action_name, status: "failed", detail: error.message };
      if (attempt >= ACTION_ATTEMPTS) {
        log.error("automation action failed", { accountId: ctx.accountId, displayId: ctx.displayId, action: action.action_name, error: String(error) });
        return { action: action.action_name, status: "failed", detail: `failed after ${attempt} attempts: ${error instanceof Error ? error.message : String(error)}` };
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
    }
  }
}

/** Shown on the rule in settings and the API until an administrator looks; the rule keeps running. */
async function recordRuleFailure(db: DbOrTx, rule: AutomationRule, message: string): Promise<void> {
  await db
    .update(automationRules)
    .set({ failureCount: sql`${automationRules.failureCount} + 1`, lastError: message.slice(0, 1000), lastErrorAt: new Date() })
    .where(and(eq(automationRules.accountId, rule.accountId), eq(automationRules.id, rule.id)));
}
