import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { DRY_RUN_EVENTS } from "./run-log";

/** Runs each rule keeps whatever their age: a quiet rule's log still shows its last firings. */
export const KEEP_RUNS_PER_RULE = 100;
/** Rows deleted per statement, and statements per sweep: a big backlog is worked off over several days' sweeps. */
const CHUNK = 5000;
const MAX_CHUNKS = 40;

/**
 * The daily sweep of the run log: runs older than the retention (AUTOMATION_LOG_RETENTION_DAYS)
 * beyond each rule's last KEEP_RUNS_PER_RULE, and processed events older than it beyond the last
 * DRY_RUN_EVENTS of their kind per account (what a dry run replays; their `not_matched` is the
 * "did not fire" part of the log). Chunked so no statement holds many locks for long.
 */
export async function pruneAutomationLog(db: DbOrTx, now = new Date(), days = env().AUTOMATION_LOG_RETENTION_DAYS): Promise<{ runs: number; events: number }> {
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  const totals = { runs: 0, events: 0 };
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const rows = await db.execute(sql`
      delete from automation_rule_runs where id in (
        select r.id from automation_rule_runs r
        where r.created_at < ${cutoff}
          and r.id < coalesce((select k.id from automation_rule_runs k where k.account_id = r.account_id and k.rule_id = r.rule_id
                               order by k.id desc offset ${KEEP_RUNS_PER_RULE - 1} limit 1), 0)
        limit ${CHUNK})
      returning id`);
    totals.runs += rows.length;
    if (rows.length < CHUNK) break;
  }
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const rows = await db.execute(sql`
      delete from automation_events where id in (
        select e.id from automation_events e
        where e.created_at < ${cutoff} and e.processed_at is not null
          and e.id < coalesce((select k.id from automation_events k where k.account_id = e.account_id and k.event_name = e.event_name
                               order by k.id desc offset ${DRY_RUN_EVENTS * 2 - 1} limit 1), 0)
        limit ${CHUNK})
      returning id`);
    totals.events += rows.length;
    if (rows.length < CHUNK) break;
  }
  return totals;
}
