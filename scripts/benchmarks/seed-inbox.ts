import postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import { generateApiAccessToken } from "@/lib/auth/tokens";

/**
 * Seeds one busy account with set-based SQL (INSERT ... SELECT generate_series), so a million
 * messages take seconds, not the hours that row-by-row inserts through the domain would.
 * Everything is derived from the row number with fixed multipliers: runs are repeatable.
 */
export type SeedSizes = { inboxes: number; agents: number; contacts: number; conversations: number; messagesPerConversation: number };

export const DEFAULT_SIZES: SeedSizes = { inboxes: 10, agents: 9, contacts: 50_000, conversations: 100_000, messagesPerConversation: 10 };

export type SeedResult = {
  accountId: number;
  adminUserId: number;
  apiAccessToken: string;
  /** An agent who sees only the conversations of the inboxes they are a member of. */
  agentApiAccessToken: string;
  counts: { conversations: number; messages: number; open: number; pending: number; resolved: number; snoozed: number };
  /** An open conversation with the most messages: the one whose thread the benchmark reads. */
  busyOpenDisplayId: number;
  seconds: number;
};

const LOREM =
  "Hello, I ordered a replacement part last week and the tracking page still says the label was created. " +
  "Could you check with the carrier? The order number is in the subject. Thanks for the quick answer yesterday, " +
  "the invoice is fine now. We also noticed that the export button in the dashboard times out for large date ranges, " +
  "is there a workaround until it is fixed? Our team lead asked whether the annual plan includes priority support " +
  "and how many seats we can add before the next renewal. ";

export async function seedInbox(url: string, sizes: SeedSizes = DEFAULT_SIZES): Promise<SeedResult> {
  const started = performance.now();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const text = LOREM.repeat(12);
  const apiAccessToken = generateApiAccessToken();
  const passwordHash = await hashPassword(generateApiAccessToken());
  try {
    await sql.unsafe("set synchronous_commit = off; set maintenance_work_mem = '256MB'; set work_mem = '64MB'");

    const [account] = await sql<{ id: number }[]>`
      insert into accounts (name, last_conversation_display_id) values ('Benchmark Co', ${sizes.conversations}) returning id`;
    const accountId = account.id;

    // users[0] is the administrator whose token calls the API; the others are agents.
    const users = await sql<{ id: number }[]>`
      insert into users (name, email, password_hash, api_access_token_hash)
      select case when g = 1 then 'Bench Admin' else 'Agent ' || g end,
             'bench-' || g || '@example.test', ${passwordHash},
             -- Tokens are stored as sha256 hex (lib/auth/tokens.ts hashToken): agent g's token is md5(admin token || g).
             encode(sha256(convert_to(case when g = 1 then ${apiAccessToken} else md5(${apiAccessToken} || g) end, 'UTF8')), 'hex')
      from generate_series(1, ${sizes.agents + 1}) g
      order by g
      returning id`;
    const userIds = users.map((u) => u.id);
    await sql`
      insert into account_users (account_id, user_id, role)
      select ${accountId}, u, case when ord = 1 then 'administrator'::account_role else 'agent'::account_role end
      from unnest(${userIds}::int[]) with ordinality as t(u, ord)`;

    const channels = await sql<{ id: number }[]>`
      insert into channel_api (account_id, identifier, hmac_token)
      select ${accountId}, 'bench-' || ${accountId} || '-' || g, md5('hmac' || g)
      from generate_series(1, ${sizes.inboxes}) g order by g returning id`;
    const inboxes = await sql<{ id: number }[]>`
      insert into inboxes (account_id, name, channel_type, channel_id)
      select ${accountId}, 'Support ' || ord, 'api'::channel_type, c
      from unnest(${channels.map((c) => c.id)}::int[]) with ordinality as t(c, ord) order by ord returning id`;
    const inboxIds = inboxes.map((i) => i.id);

    // Inbox i (0-based) has the administrator and the agents i, i-1, i-2, i-3 (mod agents) as members,
    // so every conversation below is assigned to a member of its inbox.
    await sql`
      insert into inbox_members (account_id, inbox_id, user_id)
      select distinct ${accountId}::int, (${inboxIds}::int[])[i + 1], (${userIds}::int[])[m + 1]
      from generate_series(0, ${sizes.inboxes - 1}) i,
           lateral (select 0 as m union select 1 + ((i - d + ${sizes.agents * 4}) % ${sizes.agents}) from generate_series(0, 3) d) members`;

    const [contactRange] = await sql<{ min: number; max: number }[]>`
      with ins as (
        insert into contacts (account_id, name, email, phone_number, last_activity_at, created_at, updated_at)
        select ${accountId}, 'Contact ' || g, 'contact' || g || '@example.test', '+1555' || lpad(g::text, 7, '0'),
               now() - (g % 365) * interval '1 day', now() - interval '400 days', now()
        from generate_series(1, ${sizes.contacts}) g order by g
        returning id)
      select min(id)::int as min, max(id)::int as max from ins`;
    assertContiguous("contacts", contactRange, sizes.contacts);

    // contact k (1-based) talks to inbox k % inboxes through contact_inboxes row k.
    const [ciRange] = await sql<{ min: number; max: number }[]>`
      with ins as (
        insert into contact_inboxes (account_id, contact_id, inbox_id, source_id)
        select ${accountId}, ${contactRange.min} + g - 1, (${inboxIds}::int[])[1 + g % ${sizes.inboxes}], 'bench-source-' || g
        from generate_series(1, ${sizes.contacts}) g order by g
        returning id)
      select min(id)::int as min, max(id)::int as max from ins`;
    assertContiguous("contact_inboxes", ciRange, sizes.contacts);

    // Status mix: 80% resolved, 10% open, 6% pending, 4% snoozed. 30% unassigned. Activity spread
    // over the past year (to the second), creation up to a month before the last activity.
    await sql`
      insert into conversations (account_id, inbox_id, display_id, contact_id, contact_inbox_id, status, priority,
                                 assignee_id, snoozed_until, last_activity_at, agent_last_seen_at, created_at, updated_at)
      select ${accountId}, (${inboxIds}::int[])[1 + k % ${sizes.inboxes}], g, ${contactRange.min} + k - 1, ${ciRange.min} + k - 1,
             s.status, (case g % 10 when 0 then 'high' when 1 then 'low' end)::conversation_priority,
             case when a < 30 then null
                  else (${userIds}::int[])[1 + case when a % 5 = 0 then 0
                       else 1 + ((k % ${sizes.inboxes} - (a % 4) + ${sizes.agents * 4}) % ${sizes.agents}) end] end,
             case when s.status = 'snoozed' then now() + (1 + g % 72) * interval '1 hour' end,
             t.at, case when g % 3 = 0 then t.at - interval '1 hour' else t.at end, t.at - (g % 30) * interval '1 day', t.at
      from generate_series(1, ${sizes.conversations}) g,
           lateral (select 1 + (g::bigint * 7919) % ${sizes.contacts} as k, (g::bigint * 40503) % 100 as a, (g::bigint * 2654435761) % 1000 as h) v,
           lateral (select (case when h < 800 then 'resolved' when h < 900 then 'open' when h < 960 then 'pending' else 'snoozed' end)::conversation_status as status) s,
           lateral (select now() - ((g::bigint * 104729) % 31536000) * interval '1 second' as at) t
      order by g`;

    // Messages: pairs of conversations get 10 + d and 10 - d messages (d in 0..8), so the total
    // is exactly 10 per conversation. The first message is the customer's; then a mix of incoming and
    // outgoing, about 3% private notes and 2% activity lines, lengths from 20 to ~500 characters
    // with an occasional long email-sized one. The last message lands on last_activity_at.
    await sql`set session_replication_role = replica`; // skip per-row FK triggers: ids come from the rows above
    await sql`
      insert into messages (account_id, inbox_id, conversation_id, message_type, content, private, status,
                            sender_type, sender_id, created_at, updated_at)
      select c.account_id, c.inbox_id, c.id, m.type,
             case when m.type = 'activity' then 'Conversation was marked resolved by Agent'
                  else substr(${text}, 1 + (c.display_id * 13 + n.i * 7) % 500,
                              case when (c.display_id + n.i) % 37 = 0 then 2000 else 20 + (c.display_id * 31 + n.i * 17) % 480 end) end,
             m.type = 'outgoing' and m.note, 'sent',
             (case m.type when 'incoming' then 'contact' when 'outgoing' then 'user' end)::sender_type,
             case m.type when 'incoming' then c.contact_id when 'outgoing' then coalesce(c.assignee_id, ${userIds[0]}) end,
             c.last_activity_at - (n.total - n.i) * interval '9 minutes', c.last_activity_at - (n.total - n.i) * interval '9 minutes'
      from conversations c,
           lateral (select ${sizes.messagesPerConversation} + case when c.display_id % 2 = 1 then 1 else -1 end
                           * (((c.display_id + 1) / 2 * 31) % 9) as total) t,
           lateral (select i, t.total from generate_series(1, t.total) i) n,
           lateral (select (c.display_id * 7 + n.i) % 33 = 0 as note,
                           (case when n.i = 1 then 'incoming'
                                 when (c.display_id + n.i) % 50 = 0 then 'activity'
                                 when (c.display_id * 7 + n.i) % 33 = 0 then 'outgoing'
                                 when (c.display_id * 13 + n.i * 7) % 10 < 5 then 'incoming'
                                 else 'outgoing' end)::message_type as type) m
      where c.account_id = ${accountId}
      order by c.id, n.i`;
    await sql`set session_replication_role = origin`;
    // Replica mode skipped the triggers that keep conversations.last_incoming_at too: set it here.
    await sql`
      update conversations c set last_incoming_at = m.newest
      from (select conversation_id, max(created_at) as newest from messages
            where account_id = ${accountId} and message_type = 'incoming' group by 1) m
      where c.account_id = ${accountId} and c.id = m.conversation_id`;

    await checkConsistency(sql, accountId);
    await sql`vacuum (analyze) accounts, users, account_users, inboxes, inbox_members, contacts, contact_inboxes, conversations, messages`;

    const [counts] = await sql<SeedResult["counts"][]>`
      select (select count(*)::int from conversations where account_id = ${accountId}) as conversations,
             (select count(*)::int from messages where account_id = ${accountId}) as messages,
             count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'pending')::int as pending,
             count(*) filter (where status = 'resolved')::int as resolved, count(*) filter (where status = 'snoozed')::int as snoozed
      from conversations where account_id = ${accountId}`;
    const [busy] = await sql<{ display_id: number }[]>`
      select c.display_id from conversations c
      where c.account_id = ${accountId} and c.status = 'open'
      order by (select count(*) from messages m where m.account_id = c.account_id and m.conversation_id = c.id) desc, c.display_id
      limit 1`;
    const [agent] = await sql<{ token: string }[]>`select md5(${apiAccessToken} || 2) as token`;
    return {
      accountId,
      adminUserId: userIds[0],
      apiAccessToken,
      agentApiAccessToken: agent.token,
      counts,
      busyOpenDisplayId: busy.display_id,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function assertContiguous(table: string, range: { min: number; max: number }, expected: number): void {
  if (range.max - range.min + 1 !== expected) throw new Error(`${table}: expected ${expected} contiguous ids, got ${range.min}..${range.max}`);
}

/** The foreign-key triggers were skipped for messages: prove by query that every reference holds. */
async function checkConsistency(sql: postgres.Sql, accountId: number): Promise<void> {
  const [row] = await sql<{ bad_messages: number; bad_conversations: number }[]>`
    select (select count(*)::int from messages m left join conversations c on c.account_id = m.account_id and c.id = m.conversation_id
            where m.account_id = ${accountId} and (c.id is null or c.inbox_id <> m.inbox_id)) as bad_messages,
           (select count(*)::int from conversations c join contact_inboxes ci on ci.id = c.contact_inbox_id
            where c.account_id = ${accountId} and (ci.contact_id <> c.contact_id or ci.inbox_id <> c.inbox_id)) as bad_conversations`;
  if (row.bad_messages !== 0 || row.bad_conversations !== 0) {
    throw new Error(`Seed is inconsistent: ${row.bad_messages} messages, ${row.bad_conversations} conversations point at the wrong rows`);
  }
}
