import { sql as q } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { sidebarCountsQuery } from "@/lib/conversations/sidebar-counts";
import { openBenchDatabase } from "./bench-database";
import { formatTiming, round, type Timing } from "./measure";
import { seedInbox } from "./seed-inbox";

/**
 * The sidebar's unread/total counts at scale, three designs side by side on one seeded account:
 * - probe: the old statement, one messages probe per open conversation;
 * - row: today's, unread from conversations.last_incoming_at, an index-only scan of
 *   conversations_open_counts_idx;
 * - counters: a maintained (inbox, assignee) → total/unread table, built here as a prototype with
 *   a row trigger on conversations, to weigh its write cost against its read cost.
 * Timed interleaved (one of each per round), fresh after the seed's VACUUM and again after
 * ordinary writes (reads, new mail, status changes) with no VACUUM in between.
 *
 *   npx tsx scripts/benchmarks/sidebar-counts.ts [--conversations 100000] [--messages 10] [--rounds 100] [--writes 5000]
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const conversations = arg("conversations", 100_000);
const messagesPerConversation = arg("messages", 10);
const rounds = arg("rounds", 100);
const writes = arg("writes", 5_000);

const PROBE = (accountId: number, me: number) => q`
  select c.inbox_id, coalesce(c.assignee_id = ${me}, false) as mine, c.assignee_id is null as unassigned, count(*)::int as total,
         count(*) filter (where exists (select 1 from messages m where m.account_id = c.account_id and m.conversation_id = c.id
           and m.message_type = 'incoming' and m.created_at > coalesce(c.agent_last_seen_at, '-infinity'::timestamptz)))::int as unread
  from conversations c where c.account_id = ${accountId} and c.status = 'open' group by 1, 2, 3`;
const COUNTERS = (accountId: number, me: number) => q`
  select inbox_id, coalesce(assignee_id = ${me}, false) as mine, assignee_id is null as unassigned, sum(total)::int as total, sum(unread)::int as unread
  from bench_open_counts where account_id = ${accountId} group by 1, 2, 3`;

// The counters prototype: one row per (account, inbox, assignee), moved by every conversation write.
const COUNTERS_DDL = `
  create table bench_open_counts (account_id int, inbox_id int, assignee_id int, total int not null, unread int not null);
  create unique index on bench_open_counts (account_id, inbox_id, coalesce(assignee_id, 0));
  insert into bench_open_counts select account_id, inbox_id, assignee_id, count(*),
    count(*) filter (where last_incoming_at > coalesce(agent_last_seen_at, '-infinity')) from conversations where status = 'open' group by 1, 2, 3;
  create function bench_counts_bump(a int, i int, u int, t int, n int) returns void language sql as $$
    insert into bench_open_counts values (a, i, u, t, n)
    on conflict (account_id, inbox_id, coalesce(assignee_id, 0)) do update
      set total = bench_open_counts.total + excluded.total, unread = bench_open_counts.unread + excluded.unread $$;
  create function bench_counts_row() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'open' then
      perform bench_counts_bump(old.account_id, old.inbox_id, old.assignee_id, -1,
        -(old.last_incoming_at > coalesce(old.agent_last_seen_at, '-infinity'))::int);
    end if;
    if tg_op in ('UPDATE', 'INSERT') and new.status = 'open' then
      perform bench_counts_bump(new.account_id, new.inbox_id, new.assignee_id, 1,
        coalesce((new.last_incoming_at > coalesce(new.agent_last_seen_at, '-infinity'))::int, 0));
    end if;
    return null;
  end $$;`;

async function main() {
  const database = await openBenchDatabase();
  const client = postgres(database.url, { max: 2, onnotice: () => {} });
  const db = drizzle(client);
  try {
    const seed = await seedInbox(database.url, { inboxes: 10, agents: 9, contacts: Math.max(1, conversations / 2), conversations, messagesPerConversation });
    console.log(`${database.source}, PostgreSQL ${database.serverVersion}; seeded in ${round(seed.seconds, 1)} s:`, seed.counts);
    const { accountId, adminUserId: me } = seed;
    await client.unsafe(COUNTERS_DDL);
    await client.unsafe("vacuum (analyze) bench_open_counts");

    const designs: [string, () => Promise<unknown>][] = [
      ["row (last_incoming_at, index-only)", () => db.execute(sidebarCountsQuery(accountId, "all", me))],
      ["counters table", () => db.execute(COUNTERS(accountId, me))],
      ["probe (old: messages per conversation)", () => db.execute(PROBE(accountId, me))],
    ];
    const series = async (label: string) => {
      const probeRounds = Math.max(5, Math.min(rounds, Math.round(20_000 / Math.max(1, conversations / 1000))));
      const samples = designs.map(() => [] as number[]);
      for (let r = 0; r < rounds; r++) {
        for (const [i, [, run]] of designs.entries()) {
          if (i === 2 && r >= probeRounds) continue;
          const t0 = performance.now();
          await run();
          samples[i].push(performance.now() - t0);
        }
      }
      console.log(`\n${label}`);
      for (const [i, [name]] of designs.entries()) console.log(`  ${formatTiming(summary(name, samples[i]))}`);
      console.log(`  p50 ratio probe / row: ${round(median(samples[2]) / median(samples[0]), 1)}×`);
      for (const [name, query] of [["row", sidebarCountsQuery(accountId, "all", me)], ["counters", COUNTERS(accountId, me)]] as const) {
        const plan = await db.execute<{ "QUERY PLAN": string }>(q`explain (analyze, buffers) ${query}`);
        console.log(`  EXPLAIN (ANALYZE, BUFFERS) ${name}:\n${plan.map((p) => `    ${p["QUERY PLAN"]}`).join("\n")}`);
      }
    };
    await series("fresh after the seed's VACUUM (ANALYZE)");

    // Ordinary traffic with no VACUUM: reads, new customer mail (the trigger), status flips, with
    // and without the counters' trigger, so its write cost shows.
    const writeBatch = async (n: number) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const displayId = 1 + ((i * 7919 + 17) % conversations);
        const kind = i % 3;
        if (kind === 0) await client`update conversations set agent_last_seen_at = now() where account_id = ${accountId} and display_id = ${displayId}`;
        else if (kind === 1) {
          await client`insert into messages (account_id, inbox_id, conversation_id, message_type, content, sender_type)
            select account_id, inbox_id, id, 'incoming', 'More', 'contact' from conversations where account_id = ${accountId} and display_id = ${displayId}`;
          await client`update conversations set last_activity_at = now(), status = 'open' where account_id = ${accountId} and display_id = ${displayId}`;
        } else await client`update conversations set status = case when status = 'open' then 'resolved'::conversation_status else 'open'::conversation_status end where account_id = ${accountId} and display_id = ${displayId}`;
      }
      return (performance.now() - t0) / n;
    };
    const plain = await writeBatch(Math.floor(writes / 2));
    await client.unsafe("create trigger bench_counts after insert or update or delete on conversations for each row execute function bench_counts_row()");
    // Re-derive the counters after the writes made without the trigger, then write with it.
    await client.unsafe(`truncate bench_open_counts; insert into bench_open_counts select account_id, inbox_id, assignee_id, count(*),
      count(*) filter (where last_incoming_at > coalesce(agent_last_seen_at, '-infinity')) from conversations where status = 'open' group by 1, 2, 3`);
    const counted = await writeBatch(Math.ceil(writes / 2));
    console.log(`\n${writes} ordinary writes without VACUUM: ${round(plain, 3)} ms per write without the counters' trigger, ${round(counted, 3)} ms with it`);
    await series(`after ${writes} ordinary writes, no VACUUM`);
  } finally {
    await client.end({ timeout: 5 });
    await database.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function summary(label: string, samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1];
  return { label, requests: s.length, p50: at(50), p95: at(95), p99: at(99), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1] };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
