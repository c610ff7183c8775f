import { sql as q } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { DbOrTx } from "@/db/client";
import { compactConversationOpenCounts, sidebarCountsQuery } from "@/lib/conversations/sidebar-counts";
import { openBenchDatabase } from "./bench-database";
import { formatTiming, round, type Timing } from "./measure";
import { seedInbox } from "./seed-inbox";

/**
 * The sidebar's unread/total counts at scale, three designs side by side on one seeded account:
 * - counters (today's): sum the delta rows of conversation_open_counts (sidebarCountsQuery);
 * - row: unread from conversations.last_incoming_at, an index-only scan of a partial covering
 *   index on open conversations (built here: the design measured against the counters);
 * - probe: the first design, one messages probe per open conversation.
 * Timed interleaved (one of each per round), fresh after the seed's VACUUM and again after
 * ordinary writes (reads, new customer mail, status flips) with no VACUUM in between; the writes
 * are timed with the counters' triggers disabled and enabled, to show what they cost.
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
const ROW = (accountId: number, me: number) => q`
  select c.inbox_id, coalesce(c.assignee_id = ${me}, false) as mine, c.assignee_id is null as unassigned, count(*)::int as total,
         count(*) filter (where c.last_incoming_at > coalesce(c.agent_last_seen_at, '-infinity'::timestamptz))::int as unread
  from conversations c where c.account_id = ${accountId} and c.status = 'open' group by 1, 2, 3`;
const ROW_INDEX = `create index bench_open_counts_idx on conversations (account_id, inbox_id, assignee_id, last_incoming_at, agent_last_seen_at)
  where status = 'open'`;
const COUNT_TRIGGERS = ["conversations_open_counts_insert", "conversations_open_counts_update", "conversations_open_counts_delete"];

async function main() {
  const database = await openBenchDatabase();
  const client = postgres(database.url, { max: 2, onnotice: () => {} });
  const db = drizzle(client);
  try {
    const seed = await seedInbox(database.url, { inboxes: 10, agents: 9, contacts: Math.max(1, conversations / 2), conversations, messagesPerConversation });
    console.log(`${database.source}, PostgreSQL ${database.serverVersion}; seeded in ${round(seed.seconds, 1)} s:`, seed.counts);
    const { accountId, adminUserId: me } = seed;
    await client.unsafe(ROW_INDEX);
    await compactConversationOpenCounts(db as unknown as DbOrTx);
    await client.unsafe("vacuum (analyze) conversations, conversation_open_counts");

    const designs: [string, () => Promise<unknown>][] = [
      ["row (last_incoming_at, index-only)", () => db.execute(ROW(accountId, me))],
      ["counters (conversation_open_counts)", () => db.execute(sidebarCountsQuery(accountId, "all", me))],
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
      console.log(`  p50 ratios: probe / row ${round(median(samples[2]) / median(samples[0]), 1)}×, row / counters ${round(median(samples[0]) / median(samples[1]), 1)}×`);
      // The three designs must give the same counts, or the timing means nothing.
      const answers = await Promise.all([ROW, sidebarCountsQuery, PROBE].map(async (query, i) => {
        const rows = await db.execute<Record<string, unknown>>(i === 1 ? sidebarCountsQuery(accountId, "all", me) : (query as typeof ROW)(accountId, me));
        return JSON.stringify(rows.map((r) => [r.inbox_id, r.mine, r.unassigned, Number(r.total), Number(r.unread)]).sort());
      }));
      if (new Set(answers).size !== 1) throw new Error(`The designs disagree:\n${answers.join("\n")}`);
      console.log("  all three designs give the same counts");
      const [{ rows: deltaRows }] = await client<{ rows: number }[]>`select count(*)::int as rows from conversation_open_counts where account_id = ${accountId}`;
      console.log(`  counter rows of the account: ${deltaRows}`);
      for (const [name, query] of [["row", ROW(accountId, me)], ["counters", sidebarCountsQuery(accountId, "all", me)]] as const) {
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
    const toggleCounters = (on: boolean) =>
      client.unsafe(COUNT_TRIGGERS.map((t) => `alter table conversations ${on ? "enable" : "disable"} trigger ${t}`).join("; "));
    // Half the writes with the counters' triggers off (their counts are then wrong: recomputed below).
    await toggleCounters(false);
    const plain = await writeBatch(Math.floor(writes / 2));
    await toggleCounters(true);
    await client.unsafe(`delete from conversation_open_counts where account_id = ${accountId};
      insert into conversation_open_counts (account_id, inbox_id, assignee_id, total, unread)
      select account_id, inbox_id, assignee_id, count(*), count(*) filter (where last_incoming_at > coalesce(agent_last_seen_at, '-infinity'))
      from conversations where account_id = ${accountId} and status = 'open' group by 1, 2, 3`);
    const counted = await writeBatch(Math.ceil(writes / 2));
    console.log(`\n${writes} ordinary writes without VACUUM: ${round(plain, 3)} ms per write without the counters' triggers, ${round(counted, 3)} ms with them`);
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
