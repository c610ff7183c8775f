import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { automationRuleRuns, automationRules, type AutomationRule, type StoredAction } from "@/db/schema";
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
 * Fires one rule on one event: each action in order, as the system (a message in the name of the
 * rule's author), inside the rule's cause so the events the actions raise carry it; then the run
 * row with each action's result, in one write. A failing action is recorded on the run and
 * counted on the rule; the other actions still run and the rule stays active. Never twice per
 * event: the event was claimed (processed_at) before, one evaluation at a time, and a retried
 * evaluation skips the rules that already have a run row for it (evaluate.ts); the run row's
 * unique key (rule, event) keeps the log single. Only a crash between the actions and this write
 * would let a retry act again.
 */
export async function fireRule(db: Db, rule: AutomationRule, event: AutomationEventRow, conversation: ConversationFacts, explanation: string): Promise<boolean> {
  const ctx: ActionContext = { actor: systemActor(`automation rule #${rule.id}`), writerId: rule.createdById, accountId: rule.accountId, displayId: conversation.displayId, eventName: rule.eventName, ruleId: rule.id };
  const results = await runAsAutomation({ depth: event.depth + 1, ruleIds: [...event.causedByRuleIds, rule.id] }, () => performActions(db, ctx, rule.actions));
  const failures = results.filter((r) => r.status === "failed");
  await db
    .insert(automationRuleRuns)
    .values({
      accountId: rule.accountId,
      ruleId: rule.id,
      eventId: event.id,
      conversationId: conversation.id,
      displayId: conversation.displayId,
      outcome: failures.length > 0 ? "failed" : "fired",
      reason: explanation,
      actions: results,
    })
    .onConflictDoNothing();
  if (failures.length > 0) await recordRuleFailure(db, rule, `${failures[0].action} on #${conversation.displayId}: ${failures[0].detail ?? "failed"}`);
  return true;
}

/** Runs actions in order; each failure is recorded and the next action still runs. */
export async function performActions(db: DbOrTx, ctx: ActionContext, actions: readonly StoredAction[]): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  for (const action of actions) results.push(await performWithRetry(db, ctx, action));
  return results;
}

async function performWithRetry(db: DbOrTx, ctx: ActionContext, action: StoredAction): Promise<ActionResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const note = await performAction(db, ctx, action);
      if (typeof note === "object") return { action: action.action_name, status: "done", detail: note.done };
      return note ? { action: action.action_name, status: "skipped", detail: note } : { action: action.action_name, status: "done" };
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
