import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * What the import left in the database, counted in SQL rather than trusted from the poll results:
 * raw rows by status, incoming message rows, and duplicates = message rows beyond the first for
 * one (inbox, source_id), plus raw rows whose message was written twice (two messages claiming
 * one raw row, or more message rows than imported raw rows).
 */
export type IngestCounts = {
  rawStored: number;
  imported: number;
  quarantined: number;
  ignored: number;
  pending: number;
  messages: number;
  duplicates: number;
};

export async function countIngest(db: Db, accountId: number, inboxId: number): Promise<IngestCounts> {
  const raw = await db.execute<{ status: string; n: number }>(
    sql`select status::text as status, count(*)::int as n from raw_emails where account_id = ${accountId} and inbox_id = ${inboxId} group by status`,
  );
  const by = new Map(raw.map((r) => [r.status, Number(r.n)]));
  const [messages] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from messages where account_id = ${accountId} and inbox_id = ${inboxId} and message_type = 'incoming'`,
  );
  const [sameId] = await db.execute<{ n: number }>(sql`
    select coalesce(sum(c - 1), 0)::int as n from (
      select count(*) as c from messages
      where account_id = ${accountId} and inbox_id = ${inboxId} and source_id is not null
      group by source_id having count(*) > 1) d`);
  const imported = by.get("imported") ?? 0;
  const messageRows = Number(messages.n);
  return {
    rawStored: [...by.values()].reduce((a, b) => a + b, 0),
    imported,
    quarantined: by.get("quarantined") ?? 0,
    ignored: by.get("ignored") ?? 0,
    pending: by.get("pending") ?? 0,
    messages: messageRows,
    duplicates: Number(sameId.n) + Math.max(0, messageRows - imported),
  };
}
