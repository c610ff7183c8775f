import "../lib/load-env-files"; // .env first, as every script: BENCH_DATABASE_URL may live there
import os from "node:os";
import { inArray, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { createDb } from "@/db/client";
import { conversations } from "@/db/schema";
import { conversationSearchQuery, type SearchScope } from "@/db/queries/conversation-search";
import { conversationSummariesQuery, LIST_ORDER } from "@/db/queries/conversation-summaries";
import { userActor } from "@/lib/auth/actor";
import { displayIdOf, searchConversations } from "@/lib/search/search-conversations";
import { openKeptBenchDatabase } from "./bench-database";
import { loadSeed, SIZES } from "./kept-seed";
import { percentile, round } from "./measure";

/**
 * `npm run bench:search -- --size 10k|100k|1M`: conversation search on the seeded account that
 * bench:inbox keeps (100k conversations / 1M messages by default), query by query: the domain
 * function (searchConversations: access, candidates, the page's rows and matching messages)
 * against the bare SQL of the same statements sent straight to PostgreSQL in the same run,
 * interleaved round by round. The seed's text is a handful of sentences, so its words are in
 * most messages (the hard case for full-text search); the run adds rarer words to a few
 * messages and subjects to a tenth of the conversations (idempotent, bounded UPDATEs).
 * Options: --size (default 100k), --rounds N (default 60), --reseed. Last line: one JSON object.
 */
const ROUND_SECONDS = 240;
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const log = (line: string) => console.log(line);

type Case = { key: string; q: string; as: "admin" | "agent"; note: string };

async function addSearchFixture(url: string, accountId: number): Promise<{ seconds: number }> {
  const started = performance.now();
  const { sql } = createDb(url, { max: 1 });
  try {
    // 1 message in ~1,000 gets "zircon", 1 in ~100,000 "quokka"; every tenth conversation a subject.
    await sql`update messages set content = content || ' zircon'
              where account_id = ${accountId} and id % 997 = 0 and message_type <> 'activity' and content not like '%zircon%'`;
    await sql`update messages set content = content || ' quokka'
              where account_id = ${accountId} and id % 100003 = 0 and message_type <> 'activity' and content not like '%quokka%'`;
    await sql`update conversations set additional_attributes = additional_attributes || jsonb_build_object('mail_subject', 'Order ' || display_id || ' delayed at customs')
              where account_id = ${accountId} and display_id % 10 = 0 and not additional_attributes ? 'mail_subject'`;
    // Real names differ from one another (the seed's are all "Contact N"): 1 contact in 500 gets one.
    await sql`update contacts set name = (array['Jonathan','Maria','Wei','Aisha','Lukas','Sofia','Kenji','Amara','Diego','Freya'])[1 + id % 10]
                                     || ' ' || (array['Whitaker','Okafor','Lindqvist','Moreau','Tanaka','Castillo','Novak','Haddad','Brennan','Kowalski'])[1 + (id / 10) % 10]
              where account_id = ${accountId} and id % 500 = 0 and name like 'Contact %'`;
    await sql`analyze messages, conversations, contacts`;
  } finally {
    await sql.end({ timeout: 5 });
  }
  return { seconds: (performance.now() - started) / 1000 };
}

/**
 * What the search column costs an import: the same multi-row inserts (50 messages, as an IMAP
 * batch writes them) into two scratch copies of messages, one with search_vector and its GIN
 * index and one without, interleaved batch by batch. Neither copy has triggers or foreign keys, so
 * the difference is the vector and the index alone. The copies are dropped at the end.
 */
async function writeCost(url: string, batches: number) {
  const { sql } = createDb(url, { max: 1 });
  const tables = { with: "bench_search_messages_with", without: "bench_search_messages_without" } as const;
  try {
    for (const t of Object.values(tables)) await sql.unsafe(`drop table if exists ${t}; create table ${t} (like messages including all)`);
    await sql.unsafe(`alter table ${tables.without} drop column search_vector`);
    const contents = (await sql<{ content: string }[]>`select content from messages where message_type <> 'activity' order by id limit ${batches * 50}`).map((r) => r.content);
    const times: Record<keyof typeof tables, number[]> = { with: [], without: [] };
    for (let b = 0; b < batches; b++) {
      const rows = contents.slice(b * 50, b * 50 + 50);
      for (const key of (b % 2 === 0 ? ["with", "without"] : ["without", "with"]) as (keyof typeof tables)[]) {
        const t0 = performance.now();
        await sql.unsafe(
          `insert into ${tables[key]} (account_id, inbox_id, conversation_id, message_type, content)
           select 1, 1, 1, 'incoming', c from unnest($1::text[]) c`,
          [rows],
        );
        times[key].push(performance.now() - t0);
      }
    }
    return { with: stats(times.with), without: stats(times.without) };
  } finally {
    for (const t of Object.values(tables)) await sql.unsafe(`drop table if exists ${t}`).catch(() => {});
    await sql.end({ timeout: 5 });
  }
}

const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)) };
};

async function main(): Promise<void> {
  const size = option("size") ?? "100k";
  if (!SIZES[size]) throw new Error(`--size takes one of ${Object.keys(SIZES).join(", ")}`);
  const rounds = Math.min(1000, Math.max(10, Number(option("rounds") ?? 60)));
  const database = await openKeptBenchDatabase(size);
  const handle = createDb(database.url, { max: 4 });
  const dialect = new PgDialect({ casing: "snake_case" });
  try {
    const { seed, reused } = await loadSeed(database.url, size, process.argv.includes("--reseed"), database.fresh, log);
    log(`database: PostgreSQL ${database.serverVersion}, ${database.source}`);
    log(`seed: ${seed.counts.conversations} conversations, ${seed.counts.messages} messages ${reused ? "(reused)" : `in ${seed.seconds.toFixed(0)} s`}`);
    const fixture = await addSearchFixture(database.url, seed.accountId);
    log(`search fixture (rare words, subjects) in ${fixture.seconds.toFixed(1)} s`);

    const [agentRow] = await handle.sql<{ id: number; inboxes: number[] }[]>`
      select u.id, array_agg(im.inbox_id order by im.inbox_id) as inboxes from users u join inbox_members im on im.user_id = u.id
      where u.email = 'bench-2@example.test' group by u.id`;
    const contactN = Math.round(SIZES[size].contacts * 0.777);
    const cases: Case[] = [
      { key: "common", q: "carrier", as: "admin", note: "a word in most messages" },
      { key: "common_agent", q: "carrier", as: "agent", note: "the same, as an agent of 4 of 10 inboxes" },
      { key: "prefix", q: "trac", as: "admin", note: "a prefix (tracking)" },
      { key: "two_words", q: "invoice fine", as: "admin", note: "two common words" },
      { key: "rare", q: "zircon", as: "admin", note: "~1 message in 1,000" },
      { key: "very_rare", q: "quokka", as: "admin", note: "~1 message in 100,000" },
      { key: "absent", q: "xylophone", as: "admin", note: "in no message" },
      { key: "subject", q: `order ${seed.busyOpenDisplayId - (seed.busyOpenDisplayId % 10)} delayed`, as: "admin", note: "a subject" },
      { key: "email", q: `contact${contactN}@`, as: "admin", note: "a contact's address" },
      { key: "name", q: "Jonathan Whitaker", as: "admin", note: "a contact's name" },
      { key: "name_typo", q: "Jonatan Whitacker", as: "admin", note: "the same name, misspelt" },
      { key: "number", q: `#${seed.busyOpenDisplayId}`, as: "admin", note: "a conversation number" },
    ];
    const actorOf = (c: Case) => userActor(c.as === "admin" ? seed.adminUserId : agentRow.id);
    const scopeOf = (c: Case): SearchScope => ({ accountId: seed.accountId, inboxIds: c.as === "admin" ? "all" : agentRow.inboxes, status: null });

    // The bare SQL: the candidates statement, then the page's rows, as text with parameters.
    const bare = (c: Case) => {
      const compile = (q: SQL) => dialect.sqlToQuery(q);
      const candidates = compile(conversationSearchQuery(scopeOf(c), c.q, displayIdOf(c.q)));
      return async () => {
        const rows = await handle.sql.unsafe(candidates.sql, candidates.params as never[]);
        const ids = rows.slice(0, 25).map((r) => Number(r.id));
        if (ids.length === 0) return rows.length;
        const page = compile(conversationSummariesQuery(seed.accountId, inArray(conversations.id, ids), LIST_ORDER));
        await handle.sql.unsafe(page.sql, page.params as never[]);
        return rows.length;
      };
    };
    const series = cases.flatMap((c) => {
      const runBare = bare(c);
      return [
        { key: `${c.key}:domain`, c, run: async () => (await searchConversations(handle.db, actorOf(c), seed.accountId, { q: c.q })).meta.allCount },
        { key: `${c.key}:bare`, c, run: runBare },
      ];
    });
    const found: Record<string, number> = {};
    for (const s of series) found[s.key] = await s.run();

    const samples: Record<string, number[]> = Object.fromEntries(series.map((s) => [s.key, []]));
    const deadline = performance.now() + ROUND_SECONDS * 1000;
    const warmup = 3;
    for (let r = 0; r < warmup + rounds && performance.now() < deadline; r++) {
      for (let i = 0; i < series.length; i++) {
        const s = series[(r + i) % series.length];
        const t0 = performance.now();
        await s.run();
        if (r >= warmup) samples[s.key].push(performance.now() - t0);
      }
    }

    log(`\n${"query".padEnd(44)} ${"matches".padStart(7)} ${"n".padStart(4)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"bare p50".padStart(9)} ${"bare p95".padStart(9)}  p50 ÷ bare`);
    const results: Record<string, unknown> = {};
    let worstP95 = 0;
    for (const c of cases) {
      const d = stats(samples[`${c.key}:domain`]);
      const b = stats(samples[`${c.key}:bare`]);
      worstP95 = Math.max(worstP95, d.p95);
      const label = `${c.q} (${c.note})`.slice(0, 44);
      log(`${label.padEnd(44)} ${String(found[`${c.key}:domain`]).padStart(7)} ${String(d.n).padStart(4)} ${d.p50.toFixed(2).padStart(8)} ${d.p95.toFixed(2).padStart(8)} ${b.p50.toFixed(2).padStart(9)} ${b.p95.toFixed(2).padStart(9)}  ${(d.p50 / b.p50).toFixed(2).padStart(9)}x`);
      results[c.key] = { q: c.q, as: c.as, matches: found[`${c.key}:domain`], p50_ms: d.p50, p95_ms: d.p95, bare_p50_ms: b.p50, bare_p95_ms: b.p95, ratio_p50: round(d.p50 / b.p50) };
    }
    const cost = await writeCost(database.url, 100);
    log(`\nwrite cost, 100 inserts of 50 messages: with search_vector + GIN p50 ${cost.with.p50} ms, p95 ${cost.with.p95} ms; without p50 ${cost.without.p50} ms, p95 ${cost.without.p95} ms (p50 ratio ${round(cost.with.p50 / cost.without.p50)}x)`);
    const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
    log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, load average ${load}, Node ${process.version}`);
    log(`goal search p95 < 100 ms (every query, ${size}): ${worstP95 < 100 ? "met" : "MISSED"} (worst ${worstP95} ms)`);
    console.log(JSON.stringify({ size, worst_p95_ms: worstP95, results, write_cost: cost, seed_reused: reused, postgres: database.serverVersion, load_avg_1m: round(os.loadavg()[0]) }));
  } finally {
    await handle.sql.end({ timeout: 5 }).catch(() => {});
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
