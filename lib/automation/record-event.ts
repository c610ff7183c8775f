import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
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

/** One indexed read: whether the account has any active rule (else nothing is recorded). */
export async function accountHasActiveRules(db: DbOrTx, accountId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: automationRules.id })
    .from(automationRules)
    .where(and(eq(automationRules.accountId, accountId), eq(automationRules.active, true)))
    .limit(1);
  return row !== undefined;
}

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
    if (!(await accountHasActiveRules(db, data.accountId))) return;
    const cause = currentAutomationCause();
    await db.insert(automationEvents).values(
      names.map((eventName) => ({
        accountId: data.accountId,
        eventKey: `ev_${randomUUID()}`,
        eventName,
        conversationId: data.conversationId ?? null,
        messageId: data.messageId ?? null,
        changedAttributes: data.changedAttributes ?? null,
        depth: cause ? cause.depth : 0,
        causedByRuleIds: cause?.ruleIds ?? [],
      })),
    );
    await wakeAutomation(data.accountId);
  } catch (error) {
    log.error("could not record an automation event", { accountId: data.accountId, event: data.event, error: String(error) });
  }
}

export async function wakeAutomation(accountId: number): Promise<void> {
  await sendEvent(automationEventsPending.create({ accountId }));
}
