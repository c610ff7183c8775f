import type postgres from "postgres";

/**
 * The reporting events of a busy account for bench:reports, written in SQL: `conversations`
 * conversations spread over `days` days (10 inboxes, 10 agents), each with 5 incoming and 5
 * outgoing messages' events (so 10 per conversation: 1M at 100k), a first response, 4 replies and
 * (90%) a resolution, durations skewed as a help desk's are (most quick, a long tail). The
 * conversations exist (the events reference them); their messages do not: reports read events only.
 */
export async function seedReportingEvents(q: postgres.Sql, options: { conversations: number; days: number }): Promise<{ accountId: number; since: Date; until: Date }> {
  const [account] = await q`insert into accounts (name) values ('Bench reports') returning id`;
  const accountId = Number(account.id);
  await q`insert into inboxes (account_id, name, channel_type, channel_id) select ${accountId}, 'Inbox ' || g, 'api', 0 from generate_series(1, 10) g`;
  await q`insert into users (name, email, password_hash) select 'Agent ' || g, 'bench-reports-' || g || '-' || ${accountId} || '@example.test', 'x' from generate_series(1, 10) g`;
  await q`insert into account_users (account_id, user_id, role) select ${accountId}, id, 'agent' from users where email like ${`bench-reports-%-${accountId}@example.test`}`;
  const [contact] = await q`insert into contacts (account_id, name) values (${accountId}, 'Bench contact') returning id`;
  const until = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const since = new Date(until.getTime() - options.days * 86_400_000);
  await q`
    insert into conversations (account_id, inbox_id, display_id, contact_id, status, assignee_id, created_at, last_activity_at)
    select ${accountId}, i.ids[1 + g % 10], g, ${Number(contact.id)},
      (case when g % 10 = 0 then 'open' else 'resolved' end)::conversation_status, u.ids[1 + (g / 10) % 10],
      ${since.toISOString()}::timestamptz + random() * (${until.toISOString()}::timestamptz - ${since.toISOString()}::timestamptz - interval '1 day'),
      now()
    from generate_series(1, ${options.conversations}) g,
      (select array_agg(id order by id) ids from inboxes where account_id = ${accountId}) i,
      (select array_agg(user_id order by user_id) ids from account_users where account_id = ${accountId}) u`;
  // Durations: seconds, most within minutes, a tail of days (x^3 of a uniform); the business-hours
  // value a share of it. Events end at created_at + offsets within the next day.
  await q`
    insert into reporting_events (account_id, key, name, value, value_in_business_hours, inbox_id, user_id, conversation_id, event_start_time, event_end_time)
    select c.account_id, e.name || ':' || c.id || ':' || e.n, e.name, e.v, e.v * 0.4, c.inbox_id,
      case when e.name in ('conversation_created', 'message_incoming') then null else c.assignee_id end,
      c.id, c.created_at, c.created_at + make_interval(secs => e.at)
    from conversations c
    cross join lateral (
      select 'conversation_created' as name, 0 as n, 0::float8 as v, 0::float8 as at
      union all select 'message_incoming', n, 0, n * 3000 from generate_series(1, 5) n
      union all select 'message_outgoing', n, 0, n * 3000 + 600 from generate_series(1, 5) n
      union all select 'first_response', 0, x.v, x.v from (select round((random() ^ 3 * 86400 + c.id * 0)::numeric, 3)::float8 v) x
      union all select 'reply_time', n, x.v, n * 3000 + 600 from generate_series(1, 4) n, lateral (select round((random() ^ 3 * 7200 + n * 0)::numeric, 3)::float8 v) x
      union all select 'conversation_resolved', 0, x.v, x.v from (select round((random() ^ 2 * 80000 + 3600 + c.id * 0)::numeric, 3)::float8 v) x where c.display_id % 10 <> 0
    ) e
    where c.account_id = ${accountId}`;
  await q`vacuum analyze`;
  return { accountId, since, until };
}
