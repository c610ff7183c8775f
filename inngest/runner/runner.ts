import type { Db } from "@/db/client";
import { createLogger } from "@/lib/logger";
import { errorText } from "@/lib/storable-text";
import { executeBatch, executeRun, type ExecuteDeps, type RunOutcome } from "./execute";
import { claimBatchFollowers, claimNextRun, claimRuns, enqueueCron, enqueueEvent, pruneFinishedRuns, type QueuedEvent } from "./queue";
import type { RunnableFunction } from "./registry";
import { cronMatches } from "./cron";

/**
 * The embedded job runner: the default when no Inngest is configured (`npm start`, tests).
 * Single-node grade: it polls job_runs once a second, fires cron triggers at each minute, and
 * executes up to `parallelism` runs at a time in this process. State is in PostgreSQL, so a
 * restart loses nothing and a second process would not double-run a row, but it is not a
 * replacement for Inngest (no waitForEvent, no fan-in, best-effort concurrency across processes).
 */
export type RunnerOptions = {
  db: Db;
  functions: RunnableFunction[];
  pollIntervalMs?: number;
  parallelism?: number;
  backoffMs?: ExecuteDeps["backoffMs"];
  /** Fire cron triggers (off in tests that drive time themselves). */
  crons?: boolean;
};

export type Runner = {
  /** Queues an event for every function that listens to it, and wakes the loop. */
  send: (events: QueuedEvent[]) => Promise<void>;
  /** Fires the crons due in the minute containing `at` (the loop calls this each minute). */
  fireCrons: (at: Date) => Promise<number>;
  /** Runs everything that is due now, one after another, until nothing is left; for tests and shutdown. */
  drain: () => Promise<RunOutcome[]>;
  stop: () => Promise<void>;
};

const log = createLogger("jobs");

const startOfMinute = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

export function createRunner(options: RunnerOptions): Runner & { start: () => void } {
  const { db, functions } = options;
  const byId = new Map(functions.map((f) => [f.id, f]));
  const ids = [...byId.keys()];
  const parallelism = options.parallelism ?? 4;
  const inFlight = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  let lastCronMinute = 0;

  const runner: Runner = {
    send: async (events) => {
      for (const event of events) await enqueueEvent(db, functions, event);
      wake();
    },
    fireCrons: async (at) => {
      const minute = startOfMinute(at);
      let fired = 0;
      for (const fn of functions) {
        if (fn.crons.some((c) => cronMatches(c.schedule, minute)) && (await enqueueCron(db, fn, minute))) fired++;
      }
      return fired;
    },
    drain: async () => {
      const outcomes: RunOutcome[] = [];
      for (let run = await claimNextRun(db, ids); run; run = await claimNextRun(db, ids)) {
        outcomes.push(await execute(run));
      }
      return outcomes;
    },
    stop: async () => {
      isStopped = true;
      if (timer) clearTimeout(timer);
      // A tick already past its isStopped check may still claim: wait for it, then for what it started.
      await currentTick;
      await Promise.allSettled([...inFlight]);
    },
  };

  const deps: ExecuteDeps = { sendEvents: (events) => runner.send(events), backoffMs: options.backoffMs };

  /** A claimed run; for a batched function, with the due runs that join it (one more claim). */
  async function execute(run: NonNullable<Awaited<ReturnType<typeof claimNextRun>>>): Promise<RunOutcome> {
    const fn = byId.get(run.functionId);
    if (!fn) return "failed";
    if (!fn.batch || fn.batch.maxSize < 2) return executeRun(db, fn, run, deps);
    const followers = isStopped ? [] : await claimBatchFollowers(db, fn, run, fn.batch.maxSize - 1);
    return executeBatch(db, fn, [run, ...followers], deps);
  }

  async function tick() {
    if (options.crons !== false) {
      const minute = startOfMinute(new Date()).getTime();
      if (minute !== lastCronMinute) {
        lastCronMinute = minute;
        await runner.fireCrons(new Date(minute));
        await pruneFinishedRuns(db);
      }
    }
    // Every free slot is filled with one claim: a backlog costs one round trip per batch.
    while (!isStopped && inFlight.size < parallelism) {
      const runs = await claimRuns(db, ids, parallelism - inFlight.size);
      if (runs.length === 0) break;
      for (const run of runs) {
        const running = execute(run).catch((error: unknown) => log.error("runner could not record a run", { runId: run.id, error: errorText(error) }));
        inFlight.add(running);
        void running.finally(() => {
          inFlight.delete(running);
          wake();
        });
      }
    }
  }

  let isStarted = false;
  let isTicking = false;
  let currentTick: Promise<void> | undefined;
  let isWakeRequested = false;

  function schedule(delay: number) {
    if (isStopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(loop, delay);
    timer.unref?.();
  }

  async function loop() {
    timer = undefined;
    if (isTicking) {
      isWakeRequested = true;
      return;
    }
    isTicking = true;
    currentTick = tick().catch((error: unknown) => log.error("runner tick failed", { error: errorText(error) }));
    try {
      await currentTick;
    } finally {
      isTicking = false;
      const delay = isWakeRequested ? 0 : (options.pollIntervalMs ?? 1000);
      isWakeRequested = false;
      schedule(delay);
    }
  }

  function wake() {
    if (!isStarted) return;
    if (isTicking) isWakeRequested = true;
    else schedule(0);
  }

  return {
    ...runner,
    start: () => {
      isStarted = true;
      schedule(0);
    },
  };
}

/** Creates a runner and starts its loop. */
export function startRunner(options: RunnerOptions): Runner {
  const runner = createRunner(options);
  runner.start();
  return runner;
}
