import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a rule's actions carry into the events they cause: how many rules led here and which.
 * The actions run inside `runAsAutomation`; the domain functions they call emit their events
 * after commit in the same async context, so record-event.ts stamps each event with
 * depth + 1 without any domain function knowing about rules. Evaluation refuses to act on an
 * event past MAX_AUTOMATION_DEPTH (a rule cannot trigger itself, or another, in a loop).
 */
export type AutomationCause = { depth: number; ruleIds: number[] };

const storage = new AsyncLocalStorage<AutomationCause>();

/** Events caused this many rule actions deep are logged and not acted on. */
export const MAX_AUTOMATION_DEPTH = 3;

export function runAsAutomation<T>(cause: AutomationCause, work: () => Promise<T>): Promise<T> {
  return storage.run(cause, work);
}

export const currentAutomationCause = (): AutomationCause | undefined => storage.getStore();
