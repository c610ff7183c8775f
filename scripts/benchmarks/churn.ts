import postgres from "postgres";

/**
 * Ordinary work on top of a seed, so the benchmark does not measure the perfect state a fresh
 * VACUUM leaves (every page all-visible, no dead tuples): new mail on open conversations, agents
 * reading, conversations assigned, unassigned, resolved and reopened. Plain INSERTs and UPDATEs
 * through the normal triggers, no VACUUM after; autovacuum does what it does on a live desk.
 * `n` is the number of conversations each kind of change touches.
 */
export type ChurnResult = { newMail: number; reads: number; assignments: number; statusChanges: number; seconds: number };

export async function churn(url: string, accountId: number, n: number): Promise<ChurnResult> {
  const started = performance.now();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Random open conversations by a random walk of the primary key (no sort of the whole table).
    const pick = (status: string, limit: number) => sql`
      select c.id from conversations c
      where c.account_id = ${accountId} and c.status = ${status}::conversation_status
        and c.id >= (select min(id) + floor(random() * (max(id) - min(id)))::int from conversations where account_id = ${accountId})
      order by c.id limit ${limit}`;

    const mail = await sql`
      with target as (${pick("open", n)}),
      inserted as (
        insert into messages (account_id, inbox_id, conversation_id, message_type, content, private, status, sender_type, sender_id, created_at, updated_at)
        select c.account_id, c.inbox_id, c.id, 'incoming', 'Any news on this? I am still waiting for an answer.', false, 'sent', 'contact', c.contact_id, now(), now()
        from conversations c join target t on t.id = c.id
        returning conversation_id)
      update conversations c set last_activity_at = now(), updated_at = now()
      from (select distinct conversation_id from inserted) i where c.id = i.conversation_id`;

    const reads = await sql`
      update conversations c set agent_last_seen_at = now(), updated_at = now()
      from (${pick("open", n)}) t where c.id = t.id`;

    // Half of the picked conversations lose their assignee, half get the inbox's first member.
    const assignments = await sql`
      update conversations c
      set assignee_id = case when c.assignee_id is null
                             then (select m.user_id from inbox_members m where m.account_id = c.account_id and m.inbox_id = c.inbox_id order by m.user_id limit 1)
                        end,
          updated_at = now()
      from (${pick("open", n)}) t where c.id = t.id`;

    // As many resolved as reopened, so the open set keeps its size from run to run.
    const resolved = await sql`
      update conversations c set status = 'resolved', updated_at = now()
      from (${pick("open", Math.ceil(n / 2))}) t where c.id = t.id`;
    const reopened = await sql`
      update conversations c set status = 'open', last_activity_at = now(), updated_at = now()
      from (${pick("resolved", Math.ceil(n / 2))}) t where c.id = t.id`;

    return {
      newMail: mail.count,
      reads: reads.count,
      assignments: assignments.count,
      statusChanges: resolved.count + reopened.count,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
