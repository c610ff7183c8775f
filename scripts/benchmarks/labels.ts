import "../lib/load-env-files"; // .env first, as every script: BENCH_DATABASE_URL may live there
import { sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { createDb } from "@/db/client";
import { conversations } from "@/db/schema";
import { conversationSummariesQuery } from "@/db/queries/conversation-summaries";
import { labelsCondition } from "@/lib/labels/filter";
import { teamCondition } from "@/lib/teams/filter";
import { openBenchDatabase } from "./bench-database";
import { percentile, round } from "./measure";

/**
 * `npm run bench:labels -- --conversations 1000000`: the conversation list filtered by label and by
 * team at scale, against the unfiltered list in the same run. One account holds every conversation
 * (the worst case: account_id narrows nothing); "common" is on 30% of them, "rare" on 0.1%, one team
 * has 10%. Each series issues the very statement the list page runs (conversationSummariesQuery,
 * one page of 25, open conversations, newest activity first), interleaved round by round so a busy
 * moment hits all alike. Prints p50/p95 per series and each ratio to the unfiltered list; the last
 * line is one JSON object. Bounded: --rounds (default 200) and 120 s of timing at most.
 */
const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const N = option("conversations", 1_000_000);
const ROUNDS = option("rounds", 200);
const MAX_MS = 120_000;

async function seed(q: postgres.Sql): Promise<{ accountId: number; teamId: number }> {
  const [account] = await q`insert into accounts (name) values ('Bench') returning id`;
  const accountId = Number(account.id);
  const [inbox] = await q`insert into inboxes (account_id, name, channel_type, channel_id) values (${accountId}, 'Bench', 'api', 0) returning id`;
  const inboxId = Number(inbox.id);
  const [contact] = await q`insert into contacts (account_id, name) values (${accountId}, 'Bench contact') returning id`;
  const [team] = await q`insert into teams (account_id, name) values (${accountId}, 'Sales') returning id`;
  const teamId = Number(team.id);
  await q`insert into labels (account_id, title) values (${accountId}, 'common'), (${accountId}, 'rare')`;
  // Statuses spread as a help desk's are (most resolved), activity over a year.
  await q`
    insert into conversations (account_id, inbox_id, display_id, contact_id, status, team_id, last_activity_at, created_at)
    select ${accountId}, ${inboxId}, g, ${Number(contact.id)},
           (case when g % 10 < 2 then 'open' when g % 10 = 2 then 'pending' else 'resolved' end)::conversation_status,
           case when g % 10 = 7 then ${teamId}::int end,
           now() - (random() * interval '365 days'), now() - interval '366 days'
    from generate_series(1, ${N}) g`;
  await q`
    insert into conversation_labels (account_id, conversation_id, label_id)
    select c.account_id, c.id, l.id from conversations c join labels l on l.account_id = c.account_id and l.title = 'common'
    where c.account_id = ${accountId} and c.id % 10 < 3`;
  await q`
    insert into conversation_labels (account_id, conversation_id, label_id)
    select c.account_id, c.id, l.id from conversations c join labels l on l.account_id = c.account_id and l.title = 'rare'
    where c.account_id = ${accountId} and c.id % 1000 = 0`;
  await q`vacuum analyze`;
  return { accountId, teamId };
}

async function main() {
  const bench = await openBenchDatabase();
  const q = postgres(bench.url, { max: 2, onnotice: () => {} });
  const handle = createDb(bench.url, { max: 2 });
  const db = handle.db;
  try {
    const t0 = performance.now();
    const { accountId, teamId } = await seed(q);
    console.log(`seeded ${N} conversations in ${round((performance.now() - t0) / 1000, 1)} s (${bench.source}, ${bench.serverVersion})`);
    const open = sql`${conversations.status} = 'open'`;
    const page = sql`order by last_activity_at desc nulls last, id desc nulls last limit 25`;
    const series: { key: string; where: () => Promise<SQL> }[] = [
      { key: "unfiltered", where: async () => open },
      { key: "label_common_30pct", where: async () => sql`${open} and ${await labelsCondition(db, accountId, ["common"])}` },
      { key: "label_rare_0.1pct", where: async () => sql`${open} and ${await labelsCondition(db, accountId, ["rare"])}` },
      { key: "team_10pct", where: async () => sql`${open} and ${teamCondition(teamId)}` },
    ];
    const samples: Record<string, number[]> = Object.fromEntries(series.map((s) => [s.key, []]));
    const deadline = performance.now() + MAX_MS;
    for (let r = 0; r < ROUNDS + 5 && performance.now() < deadline; r++) {
      for (let i = 0; i < series.length; i++) {
        const s = series[(r + i) % series.length];
        const started = performance.now();
        // The label's ids are resolved per request, as the list does: it is part of the cost.
        await db.execute(conversationSummariesQuery(accountId, await s.where(), page));
        if (r >= 5) samples[s.key].push(performance.now() - started);
      }
    }
    const result: Record<string, { n: number; p50: number; p95: number; ratio_p50: number }> = {};
    const base = percentile([...samples.unfiltered].sort((a, b) => a - b), 50);
    for (const s of series) {
      const sorted = [...samples[s.key]].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      result[s.key] = { n: sorted.length, p50: round(p50), p95: round(percentile(sorted, 95)), ratio_p50: round(p50 / base) };
      console.log(`${s.key.padEnd(20)} n=${sorted.length} p50=${round(p50)} ms p95=${round(percentile(sorted, 95))} ms  ×${round(p50 / base)} of unfiltered`);
    }
    console.log(JSON.stringify({ bench: "labels", conversations: N, source: bench.source, server: bench.serverVersion, series: result }));
  } finally {
    await q.end({ timeout: 5 });
    await handle.sql.end({ timeout: 5 });
    await bench.close();
  }
  process.exit(0);
}

void main();
