import type { InngestFunction } from "inngest";
import { parseCron, type CronSchedule } from "./cron";

/**
 * What the embedded runner needs to know about a function, read from the same definition that
 * Inngest would serve: its id, triggers, concurrency, retries, and the handler. The handler is a
 * private field of InngestFunction (inngest is pinned; a test fails if this shape changes).
 */
export type Handler = (ctx: Record<string, unknown>) => unknown;

export type RunnableFunction = {
  id: string;
  events: string[];
  crons: { expression: string; schedule: CronSchedule }[];
  /** How to derive the concurrency key from the event, and how many runs may share it at once. */
  concurrency: { keyExpression: string | null; limit: number } | null;
  maxAttempts: number;
  /**
   * `batchEvents`: up to `maxSize` due runs with the same batch key (a dot path into the event's
   * data, e.g. `accountId`; null: one batch for all) execute as ONE call with every event in
   * `events`. Each run keeps its own concurrency key: a batch takes every due run of a key that is
   * not running elsewhere (a key's runs in one batch are in order), never a key another run holds.
   * The embedded runner does not wait for `timeout`: it batches what is due when a slot is free.
   */
  batch: { maxSize: number; dataPath: string[] | null } | null;
  handler: Handler;
};

type Trigger = { event?: string | { name: string }; cron?: string };
type Concurrency = number | { limit: number; key?: string; scope?: string } | Array<{ limit: number; key?: string }>;
type BatchEvents = { maxSize: number; timeout?: string; key?: string };
type FunctionInternals = { opts: { id: string; triggers?: Trigger[]; concurrency?: Concurrency; retries?: number; batchEvents?: BatchEvents }; fn: unknown };

function readBatch(value: BatchEvents | undefined): RunnableFunction["batch"] {
  if (!value) return null;
  if (value.key !== undefined && !/^event\.data(\.\w+)+$/.test(value.key)) throw new Error(`batchEvents.key must be a dot path under event.data (got ${value.key})`);
  return { maxSize: Math.max(1, value.maxSize), dataPath: value.key ? value.key.split(".").slice(2) : null };
}

function readConcurrency(value: Concurrency | undefined): RunnableFunction["concurrency"] {
  if (value === undefined) return null;
  if (typeof value === "number") return { keyExpression: null, limit: value };
  // With several constraints, the first one applies here (single-node runner).
  const first = Array.isArray(value) ? value[0] : value;
  if (!first) return null;
  return { keyExpression: first.key ?? null, limit: first.limit };
}

export function describeFunction(fn: InngestFunction.Any): RunnableFunction {
  const internals = fn as unknown as FunctionInternals;
  if (typeof internals.fn !== "function" || !internals.opts?.id) {
    throw new Error("The installed inngest version changed InngestFunction's shape; update inngest/runner/registry.ts");
  }
  const triggers = internals.opts.triggers ?? [];
  return {
    id: internals.opts.id,
    events: triggers.flatMap((t) => (t.event === undefined ? [] : [typeof t.event === "string" ? t.event : t.event.name])),
    crons: triggers.flatMap((t) => (t.cron === undefined ? [] : [{ expression: t.cron, schedule: parseCron(t.cron) }])),
    concurrency: readConcurrency(internals.opts.concurrency),
    // Inngest's default is 4 retries after the first attempt.
    maxAttempts: (internals.opts.retries ?? 4) + 1,
    batch: readBatch(internals.opts.batchEvents),
    handler: internals.fn as Handler,
  };
}

/** Evaluates a concurrency key such as `event.data.inboxId` against the event (dot paths only). */
export function concurrencyKeyFor(fn: RunnableFunction, event: { name: string; data: unknown }): string | null {
  if (!fn.concurrency) return null;
  const expression = fn.concurrency.keyExpression;
  if (!expression) return fn.id;
  let value: unknown = { event };
  for (const part of expression.split(".")) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  return `${fn.id}:${JSON.stringify(value ?? null)}`;
}
