import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The embedded job runner's queue (inngest/runner): one row per function run, created when an
 * event is sent or a cron fires. Not used when Inngest is configured. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so a restart loses nothing and two processes never run the same row.
 * Not a tenant table: the event data names the account where it matters.
 */
export const jobRunStatus = pgEnum("job_run_status", ["queued", "running", "completed", "failed"]);

export const jobRuns = pgTable(
  "job_runs",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    functionId: text().notNull(),
    eventId: text().notNull(),
    eventName: text().notNull(),
    eventData: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // Cron firings use `<function>@<minute>` so two processes firing the same minute create one run.
    dedupeKey: text(),
    concurrencyKey: text(),
    concurrencyLimit: integer(),
    status: jobRunStatus().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(4),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // A claim is a lease: a run whose process died is picked up again once it expires.
    lockedUntil: timestamp({ withTimezone: true }),
    // step.run results by step id, so a retry does not repeat steps that already succeeded.
    steps: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    output: jsonb(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("job_runs_dedupe_key").on(t.dedupeKey),
    index("job_runs_due_idx").on(t.runAt, t.id).where(sql`${t.status} in ('queued', 'running')`),
    index("job_runs_concurrency_idx").on(t.functionId, t.concurrencyKey).where(sql`${t.status} = 'running'`),
  ],
);

export type JobRun = typeof jobRuns.$inferSelect;
