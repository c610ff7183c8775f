import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { isDbOpen, type DbOrTx } from "@/db/client";
import { writeAtCommit, type AfterCommit } from "@/db/transaction";
import { automationEvents, automationRules } from "@/db/schema";
import { automationEventsPending } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { createLogger } from "@/lib/logger";
import { currentAutomationCause } from "./context";

const log = createLogger("automation");

/** The committed changes rules listen to, by the integration event that announces them. */
export const RULE_SOURCE_EVENTS = ["conversation_created", "conversation_updated", "conversation_status_changed", "message_created"] as const;

export type RecordedEvent = {
  accountId: number;
  event: string;
  conversationId?: number;
  messageId?: number;
  changedAttributes?: Record<string, [unknown, unknown]>;
};

/**
 * How long this process trusts its answer to "any active rule?": the question is asked for every
 * committed change of every account, and the answer rarely changes. Rule writes in this process
 * forget it at once (forgetActiveRules); another process's write counts within this time.
 */
const ACTIVE_RULES_TTL_MS = 2000;
const activeRules = new Map<number, { events: ReadonlySet<string>; at: number }>();

/** The events the account's active rules listen to (empty: no active rule): one index-only read, at most every ACTIVE_RULES_TTL_MS. */
export async function activeRuleEvents(db: DbOrTx, accountId: number): Promise<ReadonlySet<string>> {
  const cached = activeRules.get(accountId);
  if (cached && Date.now() - cached.at < ACTIVE_RULES_TTL_MS) return cached.events;
  const rows = await db
    .selectDistinct({ eventName: automationRules.eventName })
    .from(automationRules)
    .where(and(eq(automationRules.accountId, accountId), eq(automationRules.active, true)));
  if (activeRules.size > 10_000) activeRules.clear();
  const events = new Set(rows.map((r) => r.eventName));
  activeRules.set(accountId, { events, at: Date.now() });
  return events;
}

/** Whether the account has any active rule (else nothing is recorded). */
export async function accountHasActiveRules(db: DbOrTx, accountId: number): Promise<boolean> {
  return (await activeRuleEvents(db, accountId)).size > 0;
}

/** Called when a rule is created, changed or deleted in this process. */
export const forgetActiveRules = (accountId: number) => void activeRules.delete(accountId);

/** Chatwoot's rule events for one committed change: a status change is also "opened" or "resolved". */
export function ruleEventsFor(data: RecordedEvent): string[] {
  if (data.event === "conversation_status_changed") {
    const [previous, next] = data.changedAttributes?.status ?? [];
    const snoozedUntil = data.changedAttributes?.snoozed_until?.[0];
    // The snooze sweep reopening a conversation whose time came (an agent reopening it early is only "opened").
    const snoozeEnded = previous === "snoozed" && next === "open" && snoozedUntil != null && new Date(snoozedUntil as string).getTime() <= Date.now();
    if (next === "open") return snoozeEnded ? ["conversation_opened", "snooze_ended"] : ["conversation_opened"];
    if (next === "resolved") return ["conversation_resolved"];
    return [];
  }
  return (RULE_SOURCE_EVENTS as readonly string[]).includes(data.event) ? [data.event] : [];
}

/**
 * Called after a change committed (lib/integrations/emit.ts, for every integration event): when
 * the account has active rules, stores the event (stamped with the rule chain that caused it, if
 * any: context.ts) and wakes the account's evaluation job. Never throws: a lost wake-up is caught
 * by the minute sweep, which evaluates whatever is pending.
 */
export async function recordAutomationEvent(db: DbOrTx, data: RecordedEvent): Promise<void> {
  const names = ruleEventsFor(data);
  if (names.length === 0 || !data.conversationId) return;
  try {
    const listened = await activeRuleEvents(db, data.accountId);
    if (listened.size === 0) return;
    // An event no active rule listens to is kept for dry runs of new rules, but born evaluated:
    // the evaluation job neither claims it nor is woken for it.
    const pending = names.filter((name) => listened.has(name));
    const processedAt = new Date();
    await db.insert(automationEvents).values(names.map((eventName) => eventRow(data.accountId, data, eventName, listened, processedAt)));
    if (pending.length > 0) await wakeAutomation(data.accountId);
  } catch (error) {
    log.error("could not record an automation event", { accountId: data.accountId, event: data.event, error: String(error) });
  }
}

/**
 * One stored event, stamped with the rule chain it comes from (the depth limit and the rate limit
 * read it); born evaluated when no active rule listens to its name.
 */
function eventRow(accountId: number, data: RecordedEvent, eventName: string, listened: ReadonlySet<string>, processedAt: Date) {
  const cause = currentAutomationCause();
  return {
    accountId,
    eventKey: `ev_${randomUUID()}`,
    eventName,
    conversationId: data.conversationId ?? null,
    messageId: data.messageId ?? null,
    changedAttributes: data.changedAttributes ?? null,
    depth: cause ? cause.depth : 0,
    causedByRuleIds: cause?.ruleIds ?? [],
    processedAt: listened.has(eventName) ? null : processedAt,
  };
}

/**
 * The outbox of a batch written in one transaction (an import): its events are stored with its
 * rows, in one statement and in the batch's order, so none is lost between the commit and the
 * recording; the evaluation job is woken after the commit and evaluates them as any other (a run
 * row per rule and event keeps a second evaluation from firing twice). The caller tells the
 * after-commit integration event not to record them again (lib/integrations/emit.ts).
 */
export async function recordAutomationEventsInTransaction(
  tx: DbOrTx,
  afterCommit: AfterCommit,
  accountId: number,
  changes: readonly RecordedEvent[],
  /** Sent with the transaction's other deferred writes (db/transaction.ts writeAtCommit): a rule's firing. */
  options: { atCommit?: boolean } = {},
): Promise<void> {
  const named = changes.flatMap((data) => (data.conversationId ? ruleEventsFor(data).map((eventName) => ({ data, eventName })) : []));
  if (named.length === 0) return;
  const listened = await activeRuleEvents(tx, accountId);
  if (listened.size === 0) return;
  const processedAt = new Date();
  const insert = tx.insert(automationEvents).values(named.map(({ data, eventName }) => eventRow(accountId, data, eventName, listened, processedAt)));
  await (options.atCommit ? writeAtCommit(tx, insert) : insert);
  if (named.some(({ eventName }) => listened.has(eventName))) afterCommit(() => wakeAutomation(accountId));
}

/**
 * An import records hundreds of events a second; one wake-up per account per WAKE_INTERVAL_MS is
 * enough, since a run evaluates everything pending, round after round. A change in between gets a
 * trailing wake-up at the end of the interval (the minute sweep catches one lost with the process).
 */
const WAKE_INTERVAL_MS = 1000;
const lastWake = new Map<number, number>();
const trailingWake = new Set<number>();

export async function wakeAutomation(accountId: number): Promise<void> {
  const since = Date.now() - (lastWake.get(accountId) ?? 0);
  if (since >= WAKE_INTERVAL_MS) {
    if (lastWake.size > 10_000) lastWake.clear();
    lastWake.set(accountId, Date.now());
    await sendEvent(automationEventsPending.create({ accountId }));
    return;
  }
  if (trailingWake.has(accountId)) return;
  trailingWake.add(accountId);
  const timer = setTimeout(() => {
    trailingWake.delete(accountId);
    // Shut down meanwhile (the pool closed): the minute sweep of the next start evaluates what is pending.
    if (!isDbOpen()) return;
    lastWake.set(accountId, Date.now());
    sendEvent(automationEventsPending.create({ accountId })).catch((error: unknown) => log.error("could not wake automation", { accountId, error: String(error) }));
  }, WAKE_INTERVAL_MS - since);
  timer.unref?.();
}
