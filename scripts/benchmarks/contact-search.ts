import "../lib/load-env-files"; // .env first, as every script: BENCH_DATABASE_URL may live there
import os from "node:os";
import { PgDialect } from "drizzle-orm/pg-core";
import { createDb } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { contactSearchFilter, searchContacts, searchPageQuery } from "@/lib/contacts/contacts";
import { openKeptBenchDatabase } from "./bench-database";
import { percentile, round } from "./measure";
import { seedInbox, type SeedResult } from "./seed-inbox";

/**
 * `npx tsx scripts/benchmarks/contact-search.ts [--contacts 500000] [--rounds 200] [--explain]`:
 * contact search at half a million contacts, in process (the domain function the API calls, with
 * each contact's addresses as the API returns them), term by term, interleaved round by round.
 * The contacts are bench:inbox's ("Contact N", contactN@example.test, +1555 and N): alike
 * addresses, the hard case for trigrams; 1 in 500 gets a real name. Kept in its own database
 * (.data/bench-inbox-contacts<N>) and reused. Last line: one JSON object.
 */
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const log = (line: string) => console.log(line);
const SEED_VERSION = 1;

async function loadContactSeed(url: string, contacts: number, fresh: () => Promise<void>): Promise<SeedResult> {
  const { sql } = createDb(url, { max: 1 });
  try {
    await sql`create table if not exists bench_seed (size text primary key, version int not null, result jsonb not null, seeded_at timestamptz not null default now())`;
    const [kept] = await sql<{ version: number; result: SeedResult }[]>`select version, result from bench_seed where size = 'contacts'`;
    if (kept?.version === SEED_VERSION) return kept.result;
  } finally {
    await sql.end({ timeout: 5 });
  }
  await fresh();
  log(`seeding ${contacts} contacts…`);
  const seed = await seedInbox(url, { inboxes: 10, agents: 9, contacts, conversations: 2_000, messagesPerConversation: 2 });
  const again = createDb(url, { max: 1 });
  try {
    // Real names differ from one another (bench:search does the same to its seed).
    await again.sql`update contacts set name = (array['Jonathan','Maria','Wei','Aisha','Lukas','Sofia','Kenji','Amara','Diego','Freya'])[1 + id % 10]
                                     || ' ' || (array['Whitaker','Okafor','Lindqvist','Moreau','Tanaka','Castillo','Novak','Haddad','Brennan','Kowalski'])[1 + (id / 10) % 10]
                    where account_id = ${seed.accountId} and id % 500 = 0`;
    await again.sql`vacuum (analyze) contacts, contact_inboxes`;
    await again.sql`create table if not exists bench_seed (size text primary key, version int not null, result jsonb not null, seeded_at timestamptz not null default now())`;
    await again.sql`insert into bench_seed (size, version, result) values ('contacts', ${SEED_VERSION}, ${JSON.stringify(seed)}::jsonb)`;
  } finally {
    await again.sql.end({ timeout: 5 });
  }
  return seed;
}

async function main(): Promise<void> {
  const contacts = Math.min(2_000_000, Math.max(10_000, Number(option("contacts") ?? 500_000)));
  const rounds = Math.min(2000, Math.max(10, Number(option("rounds") ?? 200)));
  const database = await openKeptBenchDatabase(`contacts${contacts}`);
  const handle = createDb(database.url, { max: 4 });
  try {
    const seed = await loadContactSeed(database.url, contacts, database.fresh);
    const n = Math.round(contacts * 0.777);
    const terms = [
      { key: "address", q: `contact${n}@`, note: "bench:inbox's term: one address" },
      { key: "address_full", q: `contact${n}@example.test`, note: "a whole address" },
      { key: "local_part", q: `contact${Math.floor(n / 10)}`, note: "substring of 11 addresses and names" },
      { key: "name", q: "Whitaker", note: "a real name (1 contact in 500)" },
      { key: "phone", q: `555${String(n).padStart(7, "0")}`, note: "phone digits" },
      { key: "short", q: "jo", note: "two characters: prefix match" },
      { key: "common", q: "example", note: "every contact: over the count cap" },
    ];
    const actor = userActor(seed.adminUserId);
    const run = (q: string) => searchContacts(handle.db, actor, seed.accountId, { q, includeContactInboxes: true });
    for (const t of terms) {
      const page = await run(t.q);
      log(`${t.key.padEnd(13)} q=${JSON.stringify(t.q).padEnd(28)} ${String(page.count).padStart(5)}${page.countCapped ? "+" : " "} found, ${page.contacts.length} on the page  (${t.note})`);
    }
    if (process.argv.includes("--explain")) {
      const dialect = new PgDialect({ casing: "snake_case" });
      for (const t of terms) {
        const where = contactSearchFilter(t.q);
        if (!where) continue;
        const query = dialect.sqlToQuery(searchPageQuery(handle.db, seed.accountId, where, 1, "-last_activity_at", "all").getSQL());
        const plan = await handle.sql.unsafe(`explain (analyze, buffers, summary) ${query.sql}`, query.params as never[]);
        log(`\n--- ${t.key} (${t.q})\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
      }
    }
    const samples: Record<string, number[]> = Object.fromEntries(terms.map((t) => [t.key, []]));
    for (let r = 0; r < rounds + 10; r++) {
      for (const t of r % 2 === 0 ? terms : [...terms].reverse()) {
        const started = performance.now();
        await run(t.q);
        if (r >= 10) samples[t.key].push(performance.now() - started);
      }
    }
    log(`\n${"term".padEnd(13)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}`);
    const results = Object.fromEntries(
      terms.map((t) => {
        const s = samples[t.key].sort((a, b) => a - b);
        const r = { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)) };
        log(`${t.key.padEnd(13)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)}`);
        return [t.key, r];
      }),
    );
    log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(JSON.stringify({ contacts, rounds, results, load_avg_1m: round(os.loadavg()[0]) }));
  } finally {
    await handle.sql.end({ timeout: 5 });
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
