import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { jobRuns, type JobRun } from "@/db/schema";
import { errorText, storableDeep } from "@/lib/storable-text";
import { concurrencyKeyFor, type RunnableFunction } from "./registry";

/**
 * The runner's durable queue in job_runs. An event becomes one queued run per function that
 * listens for it; a cron firing becomes one run per function and minute (deduplicated, so two
 * processes firing the same minute create one run). Claims take a lease with
 * FOR UPDATE SKIP LOCKED; a run whose process died is claimed again after the lease expires.
 */
export const LEASE_SECONDS = 300;

export type QueuedEvent = { id?: string; name: string; data?: Record<string, unknown> };

export async function enqueueEvent(db: DbOrTx, fns: RunnableFunction[], event: QueuedEvent): Promise<number> {
  const eventId = event.id ?? randomUUID();
  const data = event.data ?? {};
  const rows = fns
    .filter((fn) => fn.events.includes(event.name))
    .map((fn) => ({
      functionId: fn.id,
      eventId,
      eventName: event.name,
      eventData: data,
      concurrencyKey: concurrencyKeyFor(fn, { name: event.name, data }),
      concurrencyLimit: fn.concurrency?.limit ?? null,
      maxAttempts: fn.maxAttempts,
      // An event id sent twice (a retried request) creates its runs once, as Inngest deduplicates ids.
      dedupeKey: event.id ? `${fn.id}#${event.id}` : null,
    }));
  if (rows.length === 0) return 0;
  const inserted = await db.insert(jobRuns).values(rows).onConflictDoNothing().returning({ id: jobRuns.id });
  return inserted.length;
}

/** Queues the scheduled run of `fn` for the minute starting at `minute`; false if it exists. */
export async function enqueueCron(db: DbOrTx, fn: RunnableFunction, minute: Date): Promise<boolean> {
  const stamp = minute.toISOString();
  const data = { cron: fn.crons.map((c) => c.expression).join(" | "), scheduledFor: stamp };
  const inserted = await db
    .insert(jobRuns)
    .values({
      functionId: fn.id,
      eventId: randomUUID(),
      eventName: "inngest/scheduled.timer",
      eventData: data,
      concurrencyKey: concurrencyKeyFor(fn, { name: "inngest/scheduled.timer", data }),
      concurrencyLimit: fn.concurrency?.limit ?? null,
      maxAttempts: fn.maxAttempts,
      dedupeKey: `${fn.id}@${stamp}`,
      runAt: minute,
    })
    .onConflictDoNothing()
    .returning({ id: jobRuns.id });
  return inserted.length > 0;
}

/**
 * Claims the next due run, if any: queued and due, or running with an expired lease; skipping
 * runs whose concurrency key already has `limit` runs in progress. Two claimers that race on
 * the same key may both win once (the check is not serialized): single-node grade.
 */
export async function claimNextRun(db: DbOrTx, functionIds: string[]): Promise<JobRun | undefined> {
  return (await claimRuns(db, functionIds, 1))[0];
}

/**
 * Claims up to `limit` due runs in ONE statement (a busy queue costs one round trip per batch,
 * not per run), oldest first, with claimNextRun's rules: within the batch a concurrency key gets
 * no more runs than its limit leaves free, counting the ones already running.
 */
export async function claimRuns(db: DbOrTx, functionIds: string[], limit: number): Promise<JobRun[]> {
  if (functionIds.length === 0 || limit < 1) return [];
  const ids = sql.join(functionIds.map((id) => sql`${id}`), sql`, `);
  // Candidates are due runs whose key has room; runs of a key beyond its room are dropped by the
  // ranking, so a few more candidates than the batch are locked (and released at the statement's end).
  const candidates = Math.max(limit * 4, 20);
  const rows = await db
    .update(jobRuns)
    .set({
      status: "running",
      attempts: sql`${jobRuns.attempts} + 1`,
      lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
    })
    .where(
      sql`${jobRuns.id} in (
        with candidate as (
          select j.id, j.run_at, j.concurrency_key, coalesce(j.concurrency_limit, 1) as room,
            (select count(*) from job_runs r
              where r.status = 'running' and r.locked_until >= now() and r.concurrency_key = j.concurrency_key and r.id <> j.id) as busy
          from job_runs j
          where j.status in ('queued', 'running') and j.function_id in (${ids})
            and ((j.status = 'queued' and j.run_at <= now()) or (j.status = 'running' and j.locked_until < now()))
            and (j.concurrency_key is null or (
              select count(*) from job_runs r
              where r.status = 'running' and r.locked_until >= now() and r.concurrency_key = j.concurrency_key and r.id <> j.id
            ) < coalesce(j.concurrency_limit, 1))
          order by j.run_at, j.id
          limit ${candidates}
          for update skip locked
        ), ranked as (
          select id, run_at, concurrency_key, room, busy,
            row_number() over (partition by concurrency_key order by run_at, id) as n
          from candidate
        )
        select id from ranked
        where concurrency_key is null or busy + n <= room
        order by run_at, id
        limit ${limit}
      )`,
    )
    .returning();
  return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

/**
 * Joins to a claimed `leader` run of a batched function (RunnableFunction.batch) up to `limit`
 * more due runs with the same batch key, in ONE statement, oldest first: runs of the leader's own
 * concurrency key, and runs of keys no other run holds (every due run of such a key comes along,
 * so a key's runs stay in order inside the batch). Claimed as claimRuns claims.
 */
export async function claimBatchFollowers(db: DbOrTx, fn: RunnableFunction, leader: JobRun, limit: number): Promise<JobRun[]> {
  if (!fn.batch || limit < 1) return [];
  const path = fn.batch.dataPath;
  let keyValue: unknown = leader.eventData;
  for (const part of path ?? []) keyValue = keyValue && typeof keyValue === "object" ? (keyValue as Record<string, unknown>)[part] : undefined;
  // As `#>>` reads it: text of a scalar, JSON of an object, null when missing.
  const keyText = keyValue === undefined || keyValue === null ? null : typeof keyValue === "object" ? JSON.stringify(keyValue) : String(keyValue);
  const sameBatch = path ? sql`and (j.event_data #>> ${`{${path.join(",")}}`}::text[]) is not distinct from ${keyText}::text` : sql``;
  const rows = await db
    .update(jobRuns)
    .set({ status: "running", attempts: sql`${jobRuns.attempts} + 1`, lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
    .where(
      sql`${jobRuns.id} in (
        select j.id from job_runs j
        where j.function_id = ${fn.id} and j.id <> ${leader.id}
          and ((j.status = 'queued' and j.run_at <= now()) or (j.status = 'running' and j.locked_until < now()))
          ${sameBatch}
          and (j.concurrency_key is null or j.concurrency_key is not distinct from ${leader.concurrencyKey}::text or not exists (
            select 1 from job_runs r
            where r.status = 'running' and r.locked_until >= now() and r.concurrency_key = j.concurrency_key and r.id <> j.id
          ))
        order by j.run_at, j.id
        limit ${limit}
        for update skip locked
      )`,
    )
    .returning();
  return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
}

/** Ends a batch's runs together (one statement): completed, or back in the queue / failed as each run's attempts allow. */
export async function completeRuns(db: DbOrTx, runIds: number[], output: unknown): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status: "completed", output: storableDeep(output ?? null), lockedUntil: null, finishedAt: new Date(), lastError: null })
    .where(inArray(jobRuns.id, runIds));
}

export async function retryOrFailRuns(db: DbOrTx, runIds: number[], runAt: Date, lastError: string): Promise<void> {
  await db
    .update(jobRuns)
    .set({
      status: sql`case when ${jobRuns.attempts} >= ${jobRuns.maxAttempts} then 'failed' else 'queued' end::job_run_status`,
      runAt,
      lockedUntil: null,
      finishedAt: sql`case when ${jobRuns.attempts} >= ${jobRuns.maxAttempts} then now() end`,
      lastError: errorText(lastError),
    })
    .where(inArray(jobRuns.id, runIds));
}

/** Stores a finished step's result so a retry of the run skips it. */
export async function saveStep(db: DbOrTx, runId: number, stepId: string, data: unknown): Promise<void> {
  await db
    .update(jobRuns)
    .set({ steps: sql`${jobRuns.steps} || jsonb_build_object(${stepId}::text, ${JSON.stringify({ data: storableDeep(data ?? null) })}::jsonb)` })
    .where(eq(jobRuns.id, runId));
}

/** Steps finished since the last save, stored with the run's next state change (one statement less). */
export type PendingSteps = Record<string, unknown> | undefined;

const withSteps = (steps: PendingSteps) =>
  steps && Object.keys(steps).length > 0
    ? { steps: sql`${jobRuns.steps} || ${JSON.stringify(Object.fromEntries(Object.entries(steps).map(([id, data]) => [id, { data: storableDeep(data ?? null) }])))}::jsonb` }
    : {};

export async function completeRun(db: DbOrTx, runId: number, output: unknown, steps?: PendingSteps): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status: "completed", output: storableDeep(output ?? null), lockedUntil: null, finishedAt: new Date(), lastError: null, ...withSteps(steps) })
    .where(eq(jobRuns.id, runId));
}

/** Puts a failed attempt back in the queue, to be tried again at `runAt`. */
export async function retryRun(db: DbOrTx, runId: number, runAt: Date, lastError: string, steps?: PendingSteps): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status: "queued", runAt, lockedUntil: null, lastError: errorText(lastError), ...withSteps(steps) })
    .where(eq(jobRuns.id, runId));
}

/** A run paused by step.sleep continues at `runAt`; sleeping does not use up an attempt. */
export async function pauseRun(db: DbOrTx, runId: number, runAt: Date, steps?: PendingSteps): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status: "queued", runAt, lockedUntil: null, attempts: sql`greatest(${jobRuns.attempts} - 1, 0)`, ...withSteps(steps) })
    .where(eq(jobRuns.id, runId));
}

/** `attempts`: the count to record when the claim that found the run exhausted went past it. */
export async function failRun(db: DbOrTx, runId: number, lastError: string, attempts?: number, steps?: PendingSteps): Promise<void> {
  await db
    .update(jobRuns)
    .set({ status: "failed", lockedUntil: null, finishedAt: new Date(), lastError: errorText(lastError), ...(attempts === undefined ? {} : { attempts }), ...withSteps(steps) })
    .where(eq(jobRuns.id, runId));
}

/**
 * Finished runs are kept for a while to look into (completed: 1 day, failed: 14 days), then
 * deleted, so a cron that fires every minute does not grow the table forever.
 */
export const KEEP_COMPLETED_HOURS = 24;
export const KEEP_FAILED_DAYS = 14;

export async function pruneFinishedRuns(db: DbOrTx, now = new Date()): Promise<number> {
  const completedBefore = new Date(now.getTime() - KEEP_COMPLETED_HOURS * 3_600_000).toISOString();
  const failedBefore = new Date(now.getTime() - KEEP_FAILED_DAYS * 86_400_000).toISOString();
  const deleted = await db
    .delete(jobRuns)
    .where(
      sql`(${jobRuns.status} = 'completed' and ${jobRuns.finishedAt} < ${completedBefore}::timestamptz)
        or (${jobRuns.status} = 'failed' and ${jobRuns.finishedAt} < ${failedBefore}::timestamptz)`,
    )
    .returning({ id: jobRuns.id });
  return deleted.length;
}
