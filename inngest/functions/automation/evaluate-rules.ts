import { getDb } from "@/db/client";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { runQueuedMacro } from "@/lib/automation/macros";
import { pruneAutomationLog } from "@/lib/automation/prune";
import { raiseTimeEvents } from "@/lib/automation/time-triggers";
import { automationEventsPending, macroExecutionRequested } from "@/lib/jobs/events";
import { inngest } from "@/inngest/client";

/**
 * Evaluates an account's pending automation events (lib/automation/evaluate.ts). One run per
 * account at a time, so its events are evaluated in order; a retried run finds its events
 * claimed and its run rows written, and does nothing twice.
 */
export const evaluateAutomationRules = inngest.createFunction(
  { id: "automation-evaluate", triggers: [{ event: automationEventsPending }], concurrency: { key: "event.data.accountId", limit: 1 }, retries: 3 },
  async ({ event, step }) => step.run("evaluate", () => processPendingAutomationEvents(getDb(), event.data.accountId)),
);

/** Every minute: raises the time-based events (waiting, pending) and wakes accounts whose wake-up was lost. */
export const sweepAutomationTimeTriggers = inngest.createFunction(
  { id: "automation-time-sweep", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => {
    const accounts = await step.run("raise-time-events", () => raiseTimeEvents(getDb(), new Date()));
    if (accounts.length > 0) {
      await step.sendEvent(
        "wake-accounts",
        accounts.map((accountId) => automationEventsPending.create({ accountId })),
      );
    }
    return { accounts: accounts.length };
  },
);

/** A macro run on more conversations than a request waits for. No retries: a conversation done twice would get its actions twice. */
export const runMacroFunction = inngest.createFunction(
  { id: "automation-run-macro", triggers: [{ event: macroExecutionRequested }], retries: 0, concurrency: { limit: 2 } },
  async ({ event, step }) => step.run("run", async () => (await runQueuedMacro(getDb(), event.data)).results.length),
);

/** Daily: the run log and recorded events past their retention (lib/automation/prune.ts). */
export const pruneAutomationLogFunction = inngest.createFunction(
  { id: "automation-prune-log", triggers: [{ cron: "23 3 * * *" }], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => step.run("prune", () => pruneAutomationLog(getDb())),
);
