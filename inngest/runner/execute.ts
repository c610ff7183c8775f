import { NonRetriableError, RetryAfterError, durationToMs } from "inngest";
import type { DbOrTx } from "@/db/client";
import type { JobRun } from "@/db/schema";
import { createLogger } from "@/lib/logger";
import { errorText } from "@/lib/storable-text";
import { completeRun, completeRuns, failRun, pauseRun, retryOrFailRuns, retryRun, saveStep, type PendingSteps } from "./queue";
import type { RunnableFunction } from "./registry";

/**
 * Executes one claimed run of a function in this process, the way Inngest would call it:
 * `step.run` results are memoized by step id (persisted in job_runs.steps as soon as a step
 * succeeds, so a retry or a restart does not repeat it), `step.sleep`/`step.sleepUntil` pause
 * the run in the queue, `step.sendEvent` sends through the same path as sendEvent(). Steps that
 * need Inngest's server (waitForEvent, invoke) fail the run with a clear message.
 */
export type RunOutcome = "completed" | "retrying" | "failed" | "sleeping";

export type ExecuteDeps = {
  sendEvents: (events: { name: string; data?: Record<string, unknown>; id?: string }[]) => Promise<void>;
  /** Delay before attempt `attempt + 1` (attempt counts from 1). */
  backoffMs?: (attempt: number) => number;
};

const log = createLogger("jobs");

class SleepUntil {
  constructor(readonly until: Date) {}
}

export const defaultBackoffMs = (attempt: number) => {
  const base = Math.min(10 * 60_000, 2_000 * 4 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
};

const toJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

function retryAfterMs(error: RetryAfterError): number | undefined {
  const value = error.retryAfter;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function unsupported(name: string) {
  return () => {
    throw new NonRetriableError(`step.${name} is not supported by the embedded job runner; configure Inngest to use it`);
  };
}

export async function executeRun(db: DbOrTx, fn: RunnableFunction, run: JobRun, deps: ExecuteDeps): Promise<RunOutcome> {
  // Claimed again after its last allowed attempt: that attempt never recorded an end (its
  // process stopped, or the database refused the record). A job never runs beyond its limit.
  if (run.attempts > run.maxAttempts) {
    const message = errorText(
      `Gave up after ${run.maxAttempts} attempts: the last one did not finish (its process stopped, or its result could not be recorded)${run.lastError ? `. Last error: ${run.lastError}` : ""}`,
    );
    log.error("job gave up", { function: fn.id, runId: run.id, attempts: run.maxAttempts });
    await failRun(db, run.id, message, run.maxAttempts);
    return "failed";
  }
  const memo = new Map(Object.entries(run.steps as Record<string, { data: unknown }>));
  // A finished step is stored when the next step starts, or with the run's end (completion, sleep,
  // retry): a run's last step costs no statement of its own. A crash in between repeats that step,
  // as a crash between a step and its save always could.
  let pending: Record<string, unknown> = {};
  const takePending = (): PendingSteps => {
    const taken = pending;
    pending = {};
    return taken;
  };
  const flush = async () => {
    for (const [key, data] of Object.entries(takePending() ?? {})) await saveStep(db, run.id, key, data);
  };
  const seen = new Map<string, number>();
  // Inngest gives repeated ids in one run a counter suffix; so do we, so loops memoize correctly.
  const stepKey = (id: string) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}:${n}`;
  };
  const stepId = (idOrOptions: string | { id: string }) => (typeof idOrOptions === "string" ? idOrOptions : idOrOptions.id);

  const runStep = async <T>(id: string | { id: string }, body: (...args: unknown[]) => T | Promise<T>, ...args: unknown[]) => {
    const key = stepKey(stepId(id));
    const done = memo.get(key);
    if (done) return done.data;
    await flush();
    const data = toJson(await body(...args));
    pending[key] = data;
    memo.set(key, { data });
    return data;
  };

  const sleepUntil = async (id: string | { id: string }, time: Date | string | number) => {
    const key = stepKey(stepId(id));
    const stored = memo.get(key)?.data as { until: string } | undefined;
    const until = stored ? new Date(stored.until) : new Date(time);
    if (!stored) {
      pending[key] = { until: until.toISOString() };
      memo.set(key, { data: { until: until.toISOString() } });
    }
    if (until.getTime() <= Date.now()) await flush();
    if (until.getTime() > Date.now()) throw new SleepUntil(until);
  };

  const step = {
    run: runStep,
    sleepUntil,
    sleep: (id: string | { id: string }, duration: unknown) => sleepUntil(id, Date.now() + durationToMs(duration)),
    sendEvent: (id: string | { id: string }, payload: unknown) =>
      runStep(id, async () => {
        const events = (Array.isArray(payload) ? payload : [payload]) as { name: string; data?: Record<string, unknown>; id?: string }[];
        await deps.sendEvents(events);
        return { ids: events.map((e) => e.id ?? null) };
      }),
    waitForEvent: unsupported("waitForEvent"),
    invoke: unsupported("invoke"),
    waitForSignal: unsupported("waitForSignal"),
  };

  const event = { id: run.eventId, name: run.eventName, data: run.eventData, ts: run.createdAt.getTime() };
  const scoped = createLogger(`jobs:${fn.id}`);
  const logger = { info: scoped.info, warn: scoped.warn, error: scoped.error, debug: scoped.debug };
  try {
    const output = await fn.handler({ event, events: [event], step, runId: String(run.id), attempt: run.attempts - 1, logger });
    await completeRun(db, run.id, toJson(output), takePending());
    return "completed";
  } catch (error) {
    if (error instanceof SleepUntil) {
      await pauseRun(db, run.id, error.until, takePending());
      return "sleeping";
    }
    // Storable and capped: the text may quote a message body, and recording it must not fail.
    const message = errorText(error instanceof Error ? `${error.name}: ${errorText(error)}` : error);
    if (error instanceof NonRetriableError || run.attempts >= run.maxAttempts) {
      log.error("job failed", { function: fn.id, runId: run.id, attempts: run.attempts, error: message });
      await failRun(db, run.id, message, undefined, takePending());
      return "failed";
    }
    const delay = (error instanceof RetryAfterError ? retryAfterMs(error) : undefined) ?? (deps.backoffMs ?? defaultBackoffMs)(run.attempts);
    log.warn("job attempt failed, will retry", { function: fn.id, runId: run.id, attempt: run.attempts, retryInMs: Math.round(delay), error: message });
    await retryRun(db, run.id, new Date(Date.now() + delay), message, takePending());
    return "retrying";
  }
}

/**
 * Executes claimed runs of a batched function (RunnableFunction.batch) as ONE call with every
 * event in `events`. One run goes through executeRun unchanged. For several, steps are memoized in
 * memory only (the batch may be formed differently when retried, so its steps are not stored:
 * batched functions must be idempotent per event, as Inngest's batches are retried whole), and
 * the runs end together in one statement. Sleeping is not supported inside a batch.
 */
export async function executeBatch(db: DbOrTx, fn: RunnableFunction, runs: JobRun[], deps: ExecuteDeps): Promise<RunOutcome> {
  // A run past its attempt limit is given up alone (executeRun's first check).
  const exhausted = runs.filter((r) => r.attempts > r.maxAttempts);
  for (const run of exhausted) await executeRun(db, fn, run, deps);
  const live = runs.filter((r) => r.attempts <= r.maxAttempts);
  if (live.length === 0) return "failed";
  if (live.length === 1) return executeRun(db, fn, live[0], deps);
  const ids = live.map((r) => r.id);
  const memo = new Map<string, unknown>();
  const seen = new Map<string, number>();
  const stepKey = (idOrOptions: string | { id: string }) => {
    const id = typeof idOrOptions === "string" ? idOrOptions : idOrOptions.id;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}:${n}`;
  };
  const runStep = async <T>(id: string | { id: string }, body: (...args: unknown[]) => T | Promise<T>, ...args: unknown[]) => {
    const key = stepKey(id);
    if (memo.has(key)) return memo.get(key);
    const data = toJson(await body(...args));
    memo.set(key, data);
    return data;
  };
  const step = {
    run: runStep,
    sleepUntil: unsupported("sleepUntil inside a batch"),
    sleep: unsupported("sleep inside a batch"),
    sendEvent: (id: string | { id: string }, payload: unknown) =>
      runStep(id, async () => {
        const events = (Array.isArray(payload) ? payload : [payload]) as { name: string; data?: Record<string, unknown>; id?: string }[];
        await deps.sendEvents(events);
        return { ids: events.map((e) => e.id ?? null) };
      }),
    waitForEvent: unsupported("waitForEvent"),
    invoke: unsupported("invoke"),
    waitForSignal: unsupported("waitForSignal"),
  };
  const events = live.map((run) => ({ id: run.eventId, name: run.eventName, data: run.eventData, ts: run.createdAt.getTime() }));
  const scoped = createLogger(`jobs:${fn.id}`);
  const logger = { info: scoped.info, warn: scoped.warn, error: scoped.error, debug: scoped.debug };
  try {
    const output = await fn.handler({ event: events[0], events, step, runId: String(live[0].id), attempt: live[0].attempts - 1, logger });
    await completeRuns(db, ids, toJson(output));
    return "completed";
  } catch (error) {
    const message = errorText(error instanceof Error ? `${error.name}: ${errorText(error)}` : error);
    if (error instanceof NonRetriableError) {
      log.error("job batch failed", { function: fn.id, runIds: ids, error: message });
      for (const id of ids) await failRun(db, id, message);
      return "failed";
    }
    const attempt = Math.max(...live.map((r) => r.attempts));
    const delay = (error instanceof RetryAfterError ? retryAfterMs(error) : undefined) ?? (deps.backoffMs ?? defaultBackoffMs)(attempt);
    log.warn("job batch attempt failed, will retry", { function: fn.id, runIds: ids, retryInMs: Math.round(delay), error: message });
    await retryOrFailRuns(db, ids, new Date(Date.now() + delay), message);
    return "retrying";
  }
}
