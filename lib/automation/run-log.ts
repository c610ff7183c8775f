import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { automationEvents, automationRuleRuns, conversations, type AutomationRuleRun } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { forbidden } from "@/lib/errors";
import { conditionGroup, conditionLeaf, treeFromFlat } from "./conditions";
import { explainRule, timeEventRuleId } from "./evaluate";
import { loadAccountNames, loadConversationFacts, loadEventMessages } from "./facts";
import { findRule } from "./rules";

/** A run row, or a "did not fire" read from an event (no run id). */
export type RuleRunView = Omit<AutomationRuleRun, "id"> & { id: number | null; summary: string };

/** How a run reads in the log: "fired on #123: conditions matched …; actions done …", "did not fire on #124 because: …". */
export function describeRun(run: Pick<AutomationRuleRun, "outcome" | "reason" | "displayId" | "actions">): string {
  const on = run.displayId !== null ? `#${run.displayId}` : "a deleted conversation";
  if (run.outcome === "not_matched") return `did not fire on ${on} because: ${run.reason}`;
  if (run.outcome === "limited") return `held back on ${on}: ${run.reason}`;
  const done = run.actions.filter((a) => a.status === "done").map((a) => (a.detail ? `${a.action} (${a.detail})` : a.action));
  const failed = run.actions.filter((a) => a.status === "failed").map((a) => `${a.action} (${a.detail ?? "failed"})`);
  const skipped = run.actions.filter((a) => a.status === "skipped").map((a) => `${a.action} (${a.detail ?? "nothing to do"})`);
  return [
    `fired on ${on}: conditions matched: ${run.reason}`,
    `actions done: ${done.length > 0 ? done.join(", ") : "none"}`,
    ...(failed.length > 0 ? [`failed: ${failed.join(", ")}`] : []),
    ...(skipped.length > 0 ? [`skipped: ${skipped.join(", ")}`] : []),
  ].join("; ");
}

async function requireAdmin(db: DbOrTx, actor: Actor, accountId: number) {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.role !== "administrator" && access.role !== "system") throw forbidden("Only administrators manage automation rules");
}

/**
 * A rule's run log, newest first; `before` (an event id) pages back. Firings and limits are run
 * rows; "did not fire" entries come from the events' `not_matched` (evaluate.ts), merged by event.
 */
export async function listRuleRuns(db: DbOrTx, actor: Actor, accountId: number, ruleId: number, options: { limit?: number; before?: number } = {}): Promise<RuleRunView[]> {
  await requireAdmin(db, actor, accountId);
  const rule = await findRule(db, accountId, ruleId);
  const limit = Math.min(options.limit ?? 50, 200);
  const [runs, misses] = await Promise.all([
    db
      .select()
      .from(automationRuleRuns)
      .where(and(eq(automationRuleRuns.accountId, accountId), eq(automationRuleRuns.ruleId, ruleId), options.before ? lt(automationRuleRuns.eventId, options.before) : undefined))
      .orderBy(desc(automationRuleRuns.id))
      .limit(limit),
    db
      .select({ eventId: automationEvents.id, conversationId: automationEvents.conversationId, displayId: conversations.displayId, reason: sql<string>`${automationEvents.notMatched} ->> ${String(ruleId)}`, createdAt: automationEvents.createdAt })
      .from(automationEvents)
      .leftJoin(conversations, and(eq(conversations.accountId, automationEvents.accountId), eq(conversations.id, automationEvents.conversationId)))
      .where(
        and(
          eq(automationEvents.accountId, accountId),
          eq(automationEvents.eventName, rule.eventName),
          sql`${automationEvents.notMatched} ? ${String(ruleId)}`,
          options.before ? lt(automationEvents.id, options.before) : undefined,
        ),
      )
      .orderBy(desc(automationEvents.id))
      .limit(limit),
  ]);
  const notMatched: RuleRunView[] = misses.map((m) => ({ ...m, id: null, accountId, ruleId, outcome: "not_matched", actions: [], summary: "" }));
  return [...runs.map((r): RuleRunView => ({ ...r, summary: "" })), ...notMatched]
    .sort((a, b) => b.eventId - a.eventId)
    .slice(0, limit)
    .map((r) => ({ ...r, summary: describeRun(r) }));
}

export type DryRunResult = { eventId: number; eventName: string; displayId: number | null; wouldFire: boolean; explanation: string; happenedAt: Date };

const draftInput = z.object({
  conditions: z.array(conditionLeaf).max(50).optional(),
  condition_tree: conditionGroup.nullable().optional(),
});

/** How many past events a dry run replays. */
export const DRY_RUN_EVENTS = 100;

/**
 * Which of the last 100 events of the rule's kind it would have fired on, and why (or why not),
 * with nothing changed. The conditions read each conversation as it is now (its labels, status,
 * assignee), the message as it was written. A draft's conditions (an edit not saved yet) may be
 * tried instead of the saved ones.
 */
export async function dryRunRule(db: DbOrTx, actor: Actor, accountId: number, ruleId: number, draft: z.input<typeof draftInput> = {}): Promise<DryRunResult[]> {
  await requireAdmin(db, actor, accountId);
  const rule = await findRule(db, accountId, ruleId);
  const input = parseInput(draftInput, draft, "api");
  const tree = input.condition_tree ?? (input.conditions ? treeFromFlat(input.conditions) : null);
  const conditions = tree ? { conditionTree: tree as unknown as Record<string, unknown>, conditions: [] } : rule;
  const events = (
    await db
      .select()
      .from(automationEvents)
      .where(and(eq(automationEvents.accountId, accountId), eq(automationEvents.eventName, rule.eventName)))
      .orderBy(desc(automationEvents.id))
      .limit(DRY_RUN_EVENTS * 2)
  )
    // A time-based event was raised for one rule; the others' thresholds may differ.
    .filter((e) => timeEventRuleId(e) === null || timeEventRuleId(e) === rule.id)
    .slice(0, DRY_RUN_EVENTS);
  const conversationIds = [...new Set(events.map((e) => e.conversationId).filter((id): id is number => id !== null))];
  const withoutMessage = [...new Set(events.filter((e) => e.messageId === null && e.conversationId !== null).map((e) => e.conversationId as number))];
  const [facts, { byId: messagesById, first: firstMessages }, names] = await Promise.all([
    loadConversationFacts(db, accountId, conversationIds),
    loadEventMessages(db, accountId, [...new Set(events.map((e) => e.messageId).filter((id): id is number => id !== null))], withoutMessage),
    loadAccountNames(db, accountId),
  ]);
  return events.map((e) => {
    const conversation = e.conversationId !== null ? facts.get(e.conversationId) : undefined;
    const base = { eventId: e.id, eventName: e.eventName, displayId: conversation?.displayId ?? null, happenedAt: e.createdAt };
    if (!conversation) return { ...base, wouldFire: false, explanation: "the conversation no longer exists" };
    const verdict = explainRule(conditions, conversation, e.messageId !== null ? messagesById.get(e.messageId) : firstMessages.get(conversation.id), names, e.createdAt);
    return { ...base, wouldFire: verdict.matched, explanation: verdict.explanation };
  });
}
