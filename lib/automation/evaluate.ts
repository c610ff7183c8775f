import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { automationEvents, automationRuleRuns, automationRules, type AutomationRule } from "@/db/schema";
import { createLogger } from "@/lib/logger";
import { evaluateTree, isGroup, type ConditionGroup, type FactReader, type LeafVerdicts } from "./conditions";
import { MAX_AUTOMATION_DEPTH } from "./context";
import { factReader, isUnchangedByActions, valueNamer } from "./fact-reader";
import { isAnyOf, loadAccountNames, loadConversationFacts, loadEventMessages, type AccountNames, type ConversationFacts, type MessageFacts } from "./facts";
import { fireRule } from "./fire";
import { ruleTree } from "./rules";

const log = createLogger("automation");

/**
 * Events claimed per round: one read of facts and one write for all of them. Each batch costs a
 * few statements whatever its size (claim, three reads, the write, the commit); 500 instead of 100
 * took an import's 1,608 events from 16 batches to 4.
 */
const BATCH = 500;
/** A rule fires at most this often on one conversation within RATE_WINDOW_MS; more is logged as a loop. */
export const RATE_LIMIT = 5;
export const RATE_WINDOW_MS = 60 * 60 * 1000;

export type AutomationEventRow = typeof automationEvents.$inferSelect;

type PendingRun = typeof automationRuleRuns.$inferInsert;

export type EvaluationOptions = {
  now?: Date;
  maxRounds?: number;
  /** How a matched rule is fired (fire.ts); bench:ingest wraps it to tell the actions' cost from the evaluation's. */
  fire?: typeof fireRule;
  /** Called as each step of a batch begins (claim, facts, judge, write); bench:ingest measures the steps' CPU apart. */
  step?: (name: "claim" | "facts" | "judge" | "write") => void;
};

/**
 * Evaluates an account's pending automation events against its active rules, in the order they
 * happened. Rules are read once per call and facts once per batch of events; each (rule, event)
 * that fires (or is held back by a limit) gets one run row, unique, so a retried or duplicated
 * evaluation never acts twice. A batch is claimed by locking its events (`for update skip locked`,
 * so a concurrent run takes the next ones) in a transaction that ends by marking them evaluated
 * together with why the other rules did not fire (`not_matched`, for the run log): one write per
 * event. A run that dies midway leaves its events pending for the next; a rule that already has a
 * run row for an event is skipped then (fire.ts writes it with the results). Events the actions
 * cause are recorded as new pending events (one level deeper) and evaluated by the next round.
 */
export async function processPendingAutomationEvents(db: Db, accountId: number, options: EvaluationOptions = {}): Promise<{ events: number; fired: number }> {
  const totals = { events: 0, fired: 0 };
  let rules: CompiledRules | null = null;
  let names: AccountNames | null = null;
  for (let round = 0; round < (options.maxRounds ?? 50); round++) {
    const batch = await inTransaction(db, async (tx) => {
      options.step?.("claim");
      const events = await claimPending(tx, accountId);
      if (events.length === 0) return null;
      rules ??= compileRules(await db.select().from(automationRules).where(and(eq(automationRules.accountId, accountId), eq(automationRules.active, true))).orderBy(asc(automationRules.id)));
      names ??= await loadAccountNames(db, accountId);
      // The batch's reads and the firings use the pool: a firing commits on its own, as a person's change would.
      const { fired, notMatched } = await evaluateEvents(db, accountId, events, rules, names, options.now ?? new Date(), options.fire, options.step);
      options.step?.("write");
      await markEvaluated(tx, accountId, events, notMatched);
      return { events: events.length, fired };
    });
    if (!batch) break;
    totals.events += batch.events;
    totals.fired += batch.fired;
  }
  return totals;
}

/** Locks the next batch of pending events (oldest first) until the transaction ends; a concurrent run skips them. */
async function claimPending(tx: Tx, accountId: number): Promise<AutomationEventRow[]> {
  return tx
    .select()
    .from(automationEvents)
    .where(and(eq(automationEvents.accountId, accountId), isNull(automationEvents.processedAt)))
    .orderBy(asc(automationEvents.id))
    .limit(BATCH)
    .for("update", { skipLocked: true });
}

/** The batch evaluated, each event with why the rules that did not fire did not ({rule id: reason}, or none): one statement. */
async function markEvaluated(tx: Tx, accountId: number, events: AutomationEventRow[], notMatched: NotMatched): Promise<void> {
  await tx.execute(sql`
    update automation_events e set processed_at = now(), not_matched = v.value
    from unnest(${`{${events.map((e) => e.id).join(",")}}`}::bigint[]) b(id)
    left join jsonb_each(${notMatched.json()}::jsonb) v on v.key = b.id::text
    where e.account_id = ${accountId} and e.id = b.id`);
}

/** The rule a time-based event was raised for (the sweep raises one per rule and conversation). */
export const timeEventRuleId = (event: Pick<AutomationEventRow, "changedAttributes">): number | null => {
  const value = (event.changedAttributes as Record<string, [unknown, unknown]> | null)?.rule_id?.[1];
  return typeof value === "number" ? value : null;
};

/** A rule with its conditions parsed once per evaluation run (not once per event). */
type CompiledRule = { rule: AutomationRule; tree: ConditionGroup };
/** The active rules by the event they listen to, in id order. */
type CompiledRules = Map<string, CompiledRule[]>;

function compileRules(rules: AutomationRule[]): CompiledRules {
  const byEvent: CompiledRules = new Map();
  for (const rule of rules) {
    const list = byEvent.get(rule.eventName) ?? [];
    list.push({ rule, tree: ruleTree(rule) });
    byEvent.set(rule.eventName, list);
  }
  return byEvent;
}

/** Whether a rule these events go to reads the mail's sender or headers (fact-reader.ts): else those are not fetched. */
function readsMail(events: AutomationEventRow[], rules: CompiledRules): boolean {
  const names = new Set(events.map((e) => e.eventName));
  const walk = (group: ConditionGroup): boolean =>
    group.conditions.some((c) => (isGroup(c) ? walk(c) : c.attribute_key === "sender_email" || c.attribute_key === "sender_domain" || c.attribute_key.startsWith("mail_header:")));
  return [...names].some((name) => (rules.get(name) ?? []).some(({ tree }) => walk(tree)));
}

/** Whether a rule of these reads something a firing may have changed (labels, status, assignee…): then a touched conversation is re-read for it. */
function readsWhatActionsChange(rules: CompiledRule[]): boolean {
  const walk = (group: ConditionGroup): boolean => group.conditions.some((c) => (isGroup(c) ? walk(c) : !isUnchangedByActions(c)));
  return rules.some(({ tree }) => walk(tree));
}

/** An attribute read once per event, whichever rules name it (50 rules read the same few attributes). */
function memoized(read: FactReader): FactReader {
  const seen = new Map<string, ReturnType<FactReader>>();
  return (leaf) => {
    const key = `${leaf.custom_attribute_type ?? ""}|${leaf.attribute_key}`;
    let value = seen.get(key);
    if (!value) seen.set(key, (value = read(leaf)));
    return value;
  };
}

/**
 * Why the rules that did not fire did not, per event of a batch ({event id: {rule id: reason}}),
 * kept as JSON text as it is judged: a batch of 500 events against 40 rules is 20,000 reasons,
 * most of them the same few sentences (each rule fails the same way on most events), so each
 * sentence is quoted once, and no object with 20,000 numeric keys is built to be stringified.
 */
export class NotMatched {
  private readonly events: string[] = [];
  private readonly quoted = new Map<string, string>();
  add(eventId: number, reasons: [number, string][]): void {
    if (reasons.length === 0) return;
    const entries = reasons.map(([ruleId, reason]) => {
      let q = this.quoted.get(reason);
      if (q === undefined) {
        if (this.quoted.size >= 10_000) this.quoted.clear();
        this.quoted.set(reason, (q = JSON.stringify(reason)));
      }
      return `"${ruleId}":${q}`;
    });
    this.events.push(`"${eventId}":{${entries.join(",")}}`);
  }
  json(): string {
    return `{${this.events.join(",")}}`;
  }
}

/** Judges a batch of events and fires the rules that match; returns, per event, why the other rules did not fire (written by the caller). */
export async function evaluateEvents(
  db: Db,
  accountId: number,
  events: AutomationEventRow[],
  rules: CompiledRules,
  names: AccountNames,
  now: Date,
  fire = fireRule,
  step?: EvaluationOptions["step"],
): Promise<{ fired: number; notMatched: NotMatched }> {
  const notMatched = new NotMatched();
  const relevant = events.filter((e) => rules.has(e.eventName));
  if (relevant.length === 0) return { fired: 0, notMatched };
  const conversationIds = [...new Set(relevant.map((e) => e.conversationId).filter((id): id is number => id !== null))];
  const messageIds = [...new Set(relevant.map((e) => e.messageId).filter((id): id is number => id !== null))];
  // A conversation_created event names no message: its conditions on content read the first one.
  const withoutMessage = [...new Set(relevant.filter((e) => e.messageId === null && e.conversationId !== null).map((e) => e.conversationId as number))];
  step?.("facts");
  const mail = { mail: readsMail(relevant, rules) };
  const [conversations, { byId: messagesById, first: firstMessages }, recent] = await Promise.all([
    loadConversationFacts(db, accountId, conversationIds),
    loadEventMessages(db, accountId, messageIds, withoutMessage, mail),
    recentFirings(db, accountId, conversationIds, now),
  ]);
  const limited: PendingRun[] = [];
  // Conversations a firing changed: re-read only if a later event of the batch reads them.
  const stale = new Set<number>();
  let fired = 0;
  let done: Set<string> | undefined;
  const namer = valueNamer(names);
  step?.("judge");
  // Where each conversation's last event of the batch is: a re-read takes every stale one still to come at once.
  const lastEventAt = new Map(relevant.map((e, i) => [e.conversationId, i]));
  const rereadFor = new Map([...rules].map(([name, list]) => [name, readsWhatActionsChange(list)]));
  for (const [i, event] of relevant.entries()) {
    const forRule = timeEventRuleId(event);
    if (event.conversationId !== null && stale.has(event.conversationId) && rereadFor.get(event.eventName)) {
      const due = [...stale].filter((id) => (lastEventAt.get(id) ?? -1) >= i);
      const fresh = await loadConversationFacts(db, accountId, due);
      for (const id of due) {
        const facts = fresh.get(id);
        if (facts) conversations.set(id, facts);
        else conversations.delete(id);
        stale.delete(id);
      }
    }
    const conversation = event.conversationId !== null ? conversations.get(event.conversationId) : undefined;
    const message = event.messageId !== null ? messagesById.get(event.messageId) : conversation ? firstMessages.get(conversation.id) : undefined;
    const reasons: [number, string][] = [];
    // Every rule judges the event by the same facts; what the fired ones change is read for the next event.
    const toFire: { rule: AutomationRule; explanation: string }[] = [];
    const read = conversation ? memoized(factReader(conversation, message, names, event.createdAt)) : null;
    const verdicts: LeafVerdicts = new Map();
    const heldBack = (ruleId: number, reason: string): PendingRun => ({ accountId, ruleId, eventId: event.id, conversationId: event.conversationId, displayId: conversation?.displayId ?? null, outcome: "limited", reason });
    for (const { rule, tree } of rules.get(event.eventName) ?? []) {
      if (forRule !== null && forRule !== rule.id) continue;
      if (event.depth >= MAX_AUTOMATION_DEPTH) {
        log.warn("automation loop limit: an event caused by rules was not acted on", { accountId, ruleId: rule.id, eventId: event.id, depth: event.depth, causedBy: event.causedByRuleIds });
        limited.push(heldBack(rule.id, `loop limit: this change was caused by rules ${event.causedByRuleIds.map((id) => `#${id}`).join(" → ")} (${event.depth} deep; at most ${MAX_AUTOMATION_DEPTH})`));
        continue;
      }
      if (!conversation || !read) {
        reasons.push([rule.id, "the conversation no longer exists"]);
        continue;
      }
      const verdict = evaluateTree(tree, read, namer, verdicts);
      if (!verdict.matched) {
        reasons.push([rule.id, verdict.explanation]);
        continue;
      }
      const key = `${rule.id}:${conversation.id}`;
      const count = recent.get(key) ?? 0;
      if (count >= RATE_LIMIT) {
        log.warn("automation rate limit: a rule fired too often on one conversation", { accountId, ruleId: rule.id, conversationId: conversation.id, count });
        limited.push(heldBack(rule.id, `rate limit: fired ${count} times on this conversation in the last hour (at most ${RATE_LIMIT})`));
        continue;
      }
      recent.set(key, count + 1);
      toFire.push({ rule, explanation: verdict.explanation });
    }
    notMatched.add(event.id, reasons);
    if (!conversation || toFire.length === 0) continue;
    // A retried evaluation (the event was pending again) does not act twice: one read per batch, when something fires.
    done ??= await rulesAlreadyRun(db, accountId, relevant, rules);
    for (const { rule, explanation } of toFire) {
      if (done.has(`${rule.id}:${event.id}`)) continue;
      if (await fire(db, rule, event, conversation, explanation)) fired++;
    }
    stale.add(conversation.id);
  }
  // Limits are rare and counted per rule; non-matches are many (rules × events): one jsonb per event, written with the claim's end.
  if (limited.length > 0) await db.insert(automationRuleRuns).values(limited).onConflictDoNothing();
  return { fired, notMatched };
}

/** `at`: when the event happened (business hours are judged then, also in a dry run). */
export function explainRule(rule: Pick<AutomationRule, "conditionTree" | "conditions">, conversation: ConversationFacts, message: MessageFacts | undefined, names: AccountNames, at: Date) {
  return evaluateTree(ruleTree(rule), factReader(conversation, message, names, at), valueNamer(names));
}

/** The (rule, event) pairs of this batch that already have a run row (by its unique key): one statement. */
async function rulesAlreadyRun(db: Db, accountId: number, events: AutomationEventRow[], rules: CompiledRules): Promise<Set<string>> {
  const ruleIds = [...new Set(events.map((e) => e.eventName))].flatMap((name) => (rules.get(name) ?? []).map(({ rule }) => rule.id));
  if (ruleIds.length === 0) return new Set();
  const rows = await db
    .select({ ruleId: automationRuleRuns.ruleId, eventId: automationRuleRuns.eventId })
    .from(automationRuleRuns)
    .where(and(eq(automationRuleRuns.accountId, accountId), isAnyOf(automationRuleRuns.ruleId, ruleIds), isAnyOf(automationRuleRuns.eventId, events.map((e) => e.id), "bigint")));
  return new Set(rows.map((r) => `${r.ruleId}:${r.eventId}`));
}

/** How often each rule fired on each of these conversations in the rate window: one statement for the batch. */
async function recentFirings(db: Db, accountId: number, conversationIds: number[], now: Date): Promise<Map<string, number>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .select({ ruleId: automationRuleRuns.ruleId, conversationId: automationRuleRuns.conversationId, n: sql<number>`count(*)::int` })
    .from(automationRuleRuns)
    .where(
      and(
        eq(automationRuleRuns.accountId, accountId),
        isAnyOf(automationRuleRuns.conversationId, conversationIds),
        gte(automationRuleRuns.createdAt, new Date(now.getTime() - RATE_WINDOW_MS)),
        inArray(automationRuleRuns.outcome, ["fired", "failed"]),
      ),
    )
    .groupBy(automationRuleRuns.ruleId, automationRuleRuns.conversationId);
  return new Map(rows.map((r) => [`${r.ruleId}:${r.conversationId}`, r.n]));
}
