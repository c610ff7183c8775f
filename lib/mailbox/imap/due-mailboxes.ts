import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * IMAP inboxes whose poll is due (imap_enabled, next_poll_at passed or never set), claimed by
 * moving next_poll_at one interval ahead in the same statement, so the every-minute cron does
 * not queue a second poll of an inbox whose first one is still waiting. The poll itself sets
 * next_poll_at again when it ends. Inboxes waiting for an administrator to sign in again
 * (reconnect_needed) are not polled automatically: retrying a refused password can lock the
 * mailbox at the provider. "Poll now" and saving new credentials still poll them.
 * A system sweep across accounts, served by channel_email_due_idx.
 */
export async function claimDueMailboxes(db: Db, options: { now?: Date; limit?: number } = {}): Promise<{ accountId: number; inboxId: number }[]> {
  const now = options.now ?? new Date();
  const rows = await db.execute<{ account_id: number; inbox_id: number }>(sql`
    with due as (
      select c.id from channel_email c
      where c.imap_enabled and c.health <> 'reconnect_needed' and (c.next_poll_at is null or c.next_poll_at <= ${now.toISOString()}::timestamptz)
      order by c.next_poll_at nulls first
      limit ${options.limit ?? 1000}
      for update skip locked
    )
    update channel_email c
    set next_poll_at = ${now.toISOString()}::timestamptz + make_interval(secs => c.poll_interval_seconds)
    from due, inboxes i
    where c.id = due.id and i.account_id = c.account_id and i.channel_id = c.id and i.channel_type = 'email'
    returning i.account_id, i.id as inbox_id`);
  return rows.map((r) => ({ accountId: Number(r.account_id), inboxId: Number(r.inbox_id) }));
}
