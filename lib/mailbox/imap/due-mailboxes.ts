import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** How far ahead one claim looks: the dispatch cron runs once a minute. */
export const DISPATCH_WINDOW_MS = 60_000;

export type DuePoll = { accountId: number; inboxId: number; dueAt: string };

/**
 * The polls of IMAP inboxes (imap_enabled) due before the next dispatch, each with the time it
 * is due, claimed by moving next_poll_at past the window in the same statement, so the next
 * dispatch does not ask for them again. The cron runs once a minute but intervals are seconds
 * (30 s, 90 s…): claiming only what is due *now* made a 60 s inbox wait for every second tick
 * (its poll had pushed next_poll_at a moment past the next one). So each dispatch claims every
 * poll due within the coming minute, at its own time (the poll function waits until `dueAt`),
 * and the schedule stays anchored to due times rather than to when polls end. A poll that is
 * overdue (after downtime) is due now, once. Inboxes waiting for an administrator to sign in
 * again (reconnect_needed) are not polled automatically: retrying a refused password can lock
 * the mailbox at the provider; "Poll now" and saving new credentials still poll them.
 * A system sweep across accounts, served by channel_email_due_idx.
 */
export async function claimDueMailboxes(db: Db, options: { now?: Date; limit?: number; windowMs?: number } = {}): Promise<DuePoll[]> {
  const now = (options.now ?? new Date()).toISOString();
  const until = new Date(Date.parse(now) + (options.windowMs ?? DISPATCH_WINDOW_MS)).toISOString();
  const rows = await db.execute<{ account_id: number; inbox_id: number; first_at: string; secs: number; polls: number }>(sql`
    with due as (
      select c.id, greatest(coalesce(c.next_poll_at, ${now}::timestamptz), ${now}::timestamptz) as first_at, c.poll_interval_seconds as secs
      from channel_email c
      where c.imap_enabled and c.health <> 'reconnect_needed' and (c.next_poll_at is null or c.next_poll_at < ${until}::timestamptz)
      order by c.next_poll_at nulls first
      limit ${options.limit ?? 1000}
      for update skip locked
    ), counted as (
      select id, first_at, secs, greatest(1, ceil(extract(epoch from (${until}::timestamptz - first_at)) / secs))::int as polls from due
    )
    update channel_email c
    set next_poll_at = counted.first_at + make_interval(secs => counted.secs * counted.polls)
    from counted, inboxes i
    where c.id = counted.id and i.account_id = c.account_id and i.channel_id = c.id and i.channel_type = 'email'
    returning i.account_id, i.id as inbox_id, counted.first_at, counted.secs, counted.polls`);
  return rows.flatMap((r) => {
    const first = new Date(r.first_at).getTime();
    return Array.from({ length: Number(r.polls) }, (_, k) => ({
      accountId: Number(r.account_id),
      inboxId: Number(r.inbox_id),
      dueAt: new Date(first + k * Number(r.secs) * 1000).toISOString(),
    }));
  });
}
