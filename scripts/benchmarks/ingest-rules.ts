import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createRule } from "@/lib/automation/rules";

/**
 * `bench:ingest --rules N`: N active automation rules on the account, as an administrator might
 * write them: each listens to message_created with three conditions (message type, inbox, content
 * contains a word), one of them matching mail about invoices and labelling it. The rest never match,
 * which is the common case and the one whose cost must stay small.
 */
export async function createBenchRules(db: Db, accountId: number, inboxId: number, count: number): Promise<void> {
  await db.insert(schema.labels).values({ accountId, title: "invoice" });
  for (let i = 0; i < count; i++) {
    await createRule(db, systemActor("bench"), accountId, {
      name: `Rule ${i}`,
      event_name: i % 5 === 4 ? "conversation_created" : "message_created",
      conditions: [
        { attribute_key: "message_type", filter_operator: "equal_to", values: ["incoming"], query_operator: "and" },
        { attribute_key: "inbox_id", filter_operator: "equal_to", values: [inboxId], query_operator: "and" },
        { attribute_key: "content", filter_operator: "contains", values: [i === 0 ? "invoice" : `zq${i}xv`], query_operator: null },
      ],
      actions: [{ action_name: "add_label", action_params: ["invoice"] }],
    });
  }
}

/** What the automation job does with the import's events, timed: every pending event of the account evaluated. */
export async function evaluateAllPending(db: Db, accountId: number): Promise<{ ms: number; events: number; fired: number }> {
  const started = performance.now();
  const totals = { events: 0, fired: 0 };
  for (;;) {
    const r = await processPendingAutomationEvents(db, accountId, { maxRounds: 1000 });
    totals.events += r.events;
    totals.fired += r.fired;
    if (r.events === 0) break;
  }
  return { ms: performance.now() - started, ...totals };
}
