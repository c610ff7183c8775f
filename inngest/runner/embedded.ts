import { getDb } from "@/db/client";
import { env, isInngestConfigured } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import type { QueuedEvent } from "./queue";
import { enqueueEvent } from "./queue";
import { runnableFunctions } from "./functions";
import { startRunner, type Runner } from "./runner";

/**
 * The process-wide embedded runner, started from instrumentation.ts when the Next server boots
 * and Inngest is not configured. Kept on globalThis so route handlers (bundled separately from
 * instrumentation) find the same instance and dev reloads do not start a second one.
 */
const holder = globalThis as unknown as { __postdeskRunner?: Runner };
const log = createLogger("jobs");

export function startEmbeddedRunner(): Runner | undefined {
  if (isInngestConfigured()) return undefined;
  if (!env().DATABASE_URL) {
    log.warn("DATABASE_URL is not set: background jobs are not running");
    return undefined;
  }
  holder.__postdeskRunner ??= startRunner({ db: getDb(), functions: runnableFunctions() });
  log.info("embedded job runner started", { functions: runnableFunctions().map((f) => f.id) });
  return holder.__postdeskRunner;
}

/** Queues events durably; the running runner (this process or another) picks them up. */
export async function enqueueEmbedded(events: QueuedEvent[]): Promise<void> {
  const runner = holder.__postdeskRunner;
  if (runner) return runner.send(events);
  // No loop in this process (a script, a test): the rows wait for whichever runner polls next.
  for (const event of events) await enqueueEvent(getDb(), runnableFunctions(), event);
}

export async function stopEmbeddedRunner(): Promise<void> {
  const runner = holder.__postdeskRunner;
  holder.__postdeskRunner = undefined;
  await runner?.stop();
}
