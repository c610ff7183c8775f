import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { automationEvents, automationRules } from "@/db/schema";

/** Conversations one rule may be raised for per sweep (the next sweep takes the rest). */
const PER_RULE = 500;
/** A pending event older than this had its wake-up lost: the sweep wakes its account again. */
const STALE_PENDING_MS = 30_000;

/**
 * The time-based triggers, run by the minute sweep with the time given (tests pass their own
 * clock). For each active time rule, one INSERT … SELECT raises an event per conversation past the
 * rule's threshold, keyed by rule, conversation and the moment the wait began, so each wait fires
 * a rule once however many sweeps see it:
 * - conversation_waiting: open, and the customer has waited (`waiting_since`) N minutes for an agent's reply;
 * - conversation_pending: pending, and unchanged for N minutes.
 * (snooze_ended is raised when the snooze sweep reopens a conversation: record-event.ts.)
 * Like the snooze sweep it reads across accounts and then acts per account.
 * Returns the accounts that have events to evaluate (new ones, or pending ones whose wake-up was lost).
 */
export async function raiseTimeEvents(db: DbOrTx, now: Date): Promise<number[]> {
  const rules = await db
    .select({ id: automationRules.id, accountId: automationRules.accountId, eventName: automationRules.eventName, minutes: automationRules.thresholdMinutes })
    .from(automationRules)
    .where(and(eq(automationRules.active, true), inArray(automationRules.eventName, ["conversation_waiting", "conversation_pending"])));
  const accounts = new Set<number>();
  for (const rule of rules) {
    if (!rule.minutes) continue;
    const before = new Date(now.getTime() - rule.minutes * 60_000);
    const waiting = rule.eventName === "conversation_waiting";
    const anchor = waiting ? sql`c.waiting_since` : sql`c.updated_at`;
    const prefix = waiting ? "waiting" : "pending";
    const raised = await db.execute(sql`
      insert into automation_events (account_id, event_key, event_name, conversation_id, changed_attributes)
      select c.account_id, ${prefix} || ':' || ${rule.id}::text || ':' || c.id || ':' || (extract(epoch from ${anchor}) * 1000)::bigint,
             ${rule.eventName}, c.id, jsonb_build_object('rule_id', jsonb_build_array(null, ${rule.id}::int))
      from conversations c
      where c.account_id = ${rule.accountId} and c.status = ${waiting ? "open" : "pending"} and ${anchor} is not null and ${anchor} <= ${before.toISOString()}
        and not exists (
          select 1 from automation_events e
          where e.account_id = c.account_id
            and e.event_key = ${prefix} || ':' || ${rule.id}::text || ':' || c.id || ':' || (extract(epoch from ${anchor}) * 1000)::bigint)
      order by ${anchor}
      limit ${PER_RULE}
      on conflict do nothing
      returning id`);
    if (raised.length > 0) accounts.add(rule.accountId);
  }
  const stale = await db
    .selectDistinct({ accountId: automationEvents.accountId })
    .from(automationEvents)
    // By the database's clock, as created_at: the injected time only moves the time triggers.
    .where(and(isNull(automationEvents.processedAt), lt(automationEvents.createdAt, sql`now() - ${`${STALE_PENDING_MS} milliseconds`}::interval`)));
  for (const s of stale) accounts.add(s.accountId);
  return [...accounts];
}
