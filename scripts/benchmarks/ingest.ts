import "../lib/load-env-files"; // .env first, as every script
import { installEventDispatcher } from "@/inngest/dispatch";
import { randomBytes } from "node:crypto";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import { drizzle } from "drizzle-orm/postgres-js";
import { ImapFlow } from "imapflow";
import postgres from "postgres";
import { installDb, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { env, setEnvVar } from "@/lib/env";
import { pollMailbox } from "@/lib/mailbox/imap/poll-mailbox";
import { startDovecot, type Dovecot } from "@/tests/support/dovecot-server";
import { createEmailInboxRow } from "@/tests/support/email-inbox";
import { openBenchDatabase, type BenchDatabase } from "./bench-database";
import { countIngest } from "./ingest-count";
import { BENCH_INBOX_ADDRESS, generateMail } from "./ingest-mail";
import { measureParseBound } from "./ingest-parse-bound";
import { compareRules } from "./ingest-rules";
import { cpuMeter, postmasterPid } from "./proc-cpu";

/**
 * `npm run bench:ingest`: the IMAP import against the physical limit of the pipe.
 *   1. a private Dovecot on loopback and a fresh embedded PostgreSQL;
 *   2. 10,000 varied generated messages APPENDed to a folder, in bounded batches;
 *   3. (a) a bare imapflow fetch of the folder (every UID, full source), timed (median of three);
 *      (b) the real poll path (pollMailbox until `more` is false, after-import 'leave', so both
 *      read the same messages) into the fresh database, timed, with the SQL statements counted;
 *   4. counts: expected distinct messages vs rows imported, duplicates, lost, quarantined;
 *   5. the bound no import can beat here: parseEmail alone over the same mail on every core
 *      (ingest-parse-bound.ts), against the bare fetch.
 * Options: --messages N (default 10000), --batch N (messages per import batch; the poll's
 * default otherwise), --statements (the SQL statements of the import, most frequent first), --rules N
 * (after that first import as a warm-up, the same folder into fresh accounts without and with N active
 * automation rules, alternating A B B A for --rounds R (default 2, at most 10, none started after
 * --max-minutes, default 40), the rules' events evaluated; the headline is the median of the rounds'
 * CPU ratios of all processes: ingest-rules.ts; --split-firings samples the CPU around each firing to
 * show the firings' actions apart, --profile-evaluation DIR writes a V8 profile of each evaluation,
 * --no-firings judges without acting, a diagnosis of the judging's own cost: not a headline).
 * The last line of stdout is one JSON object.
 */
installEventDispatcher();

const FOLDER = "Bench";
const APPEND_BATCH = 200;
const APPEND_IN_FLIGHT = 16;
const BARE_FETCH_RUNS = 3;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function appendAll(dovecot: Dovecot, user: string, raws: Buffer[]): Promise<void> {
  const client = await dovecot.connect(user);
  try {
    await client.mailboxCreate(FOLDER).catch(() => undefined);
    for (let i = 0; i < raws.length; i += APPEND_BATCH) {
      const batch = raws.slice(i, i + APPEND_BATCH);
      // imapflow queues commands on the one connection; a few in flight keep the pipe busy.
      for (let j = 0; j < batch.length; j += APPEND_IN_FLIGHT) {
        await Promise.all(batch.slice(j, j + APPEND_IN_FLIGHT).map((raw) => client.append(FOLDER, raw, [])));
      }
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}

/** The physical limit: every message of the folder, full source, one plain FETCH. */
async function bareFetch(dovecot: Dovecot, user: string): Promise<{ count: number; bytes: number; ms: number }> {
  const client: ImapFlow = await dovecot.connect(user);
  try {
    const started = performance.now();
    const lock = await client.getMailboxLock(FOLDER);
    let count = 0;
    let bytes = 0;
    try {
      for await (const message of client.fetch("1:*", { uid: true, source: true }, { uid: true })) {
        count += 1;
        bytes += message.source?.length ?? 0;
      }
    } finally {
      lock.release();
    }
    return { count, bytes, ms: performance.now() - started };
  } finally {
    await client.logout().catch(() => undefined);
  }
}

/** The real poll path until the folder is drained: what the benchmark times. */
async function importFolder(db: Db, accountId: number, inboxId: number, total: number, batchSize: number | undefined) {
  const polls = { count: 0, fetched: 0, imported: 0, duplicates: 0, quarantined: 0, ignored: 0 };
  // Bounded: each poll takes at most its limit (500), so this many polls always suffice.
  const maxPolls = Math.ceil(total / 100) + 10;
  for (;;) {
    const result = await pollMailbox(db, { accountId, inboxId }, batchSize ? { batchSize } : {});
    if (!result.ok) throw new Error(`poll failed: ${result.error}`);
    polls.count += 1;
    for (const key of ["fetched", "imported", "duplicates", "quarantined", "ignored"] as const) polls[key] += result[key];
    if (!result.more) break;
    if (polls.count >= maxPolls) throw new Error(`still more mail after ${maxPolls} polls`);
  }
  return polls;
}

async function main(): Promise<void> {
  const total = Number(option("messages") ?? 10_000);
  if (!Number.isInteger(total) || total < 1 || total > 200_000) throw new Error("--messages must be between 1 and 200000");
  const batchSize = option("batch") === undefined ? undefined : Number(option("batch"));
  const rules = Number(option("rules") ?? 0);
  const rounds = Number(option("rounds") ?? 2);
  if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 10)) throw new Error("--rounds must be between 1 and 10");
  const maxMinutes = Number(option("max-minutes") ?? 40);
  if (!(maxMinutes > 0 && maxMinutes <= 240)) throw new Error("--max-minutes must be between 0 and 240");
  if (!(Number.isInteger(rules) && rules >= 0 && rules <= 200)) throw new Error("--rules must be between 0 and 200");
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 500)) throw new Error("--batch must be between 1 and 500");
  // The private Dovecot listens on loopback, which the outbound policy refuses by default.
  setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
  // Secrets are encrypted at rest; a throwaway key when the environment has none.
  if (!env().ENCRYPTION_KEY && !env().AUTH_SECRET) setEnvVar("ENCRYPTION_KEY", randomBytes(32).toString("hex"));

  const mail = generateMail(total);
  const bytes = mail.raws.reduce((n, raw) => n + raw.length, 0);
  console.log(`generated ${total} messages (${(bytes / 1024 / 1024).toFixed(1)} MB), ${mail.distinct} distinct: ${JSON.stringify(mail.kinds)}`);

  let dovecot: Dovecot | undefined;
  let database: BenchDatabase | undefined;
  let sql: postgres.Sql | undefined;
  try {
    dovecot = await startDovecot();
    const password = randomBytes(8).toString("hex");
    await dovecot.addUser(BENCH_INBOX_ADDRESS, password);
    let started = performance.now();
    await appendAll(dovecot, BENCH_INBOX_ADDRESS, mail.raws);
    console.log(`appended in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    // The pipe's speed swings with the machine's load (0.6–1.7 s for the same folder): the median of three.
    const fetches = [];
    for (let i = 0; i < BARE_FETCH_RUNS; i++) fetches.push(await bareFetch(dovecot, BENCH_INBOX_ADDRESS));
    const bare = [...fetches].sort((a, b) => a.ms - b.ms)[Math.floor(BARE_FETCH_RUNS / 2)];
    if (bare.count !== total) throw new Error(`the folder holds ${bare.count} messages, expected ${total}`);
    const bareRate = bare.count / (bare.ms / 1000);
    console.log(
      `bare fetch: ${bare.count} messages, ${(bare.bytes / 1024 / 1024).toFixed(1)} MB in ${(bare.ms / 1000).toFixed(2)} s (median of ${fetches.map((f) => (f.ms / 1000).toFixed(2)).join(", ")}) = ${bareRate.toFixed(0)} msgs/s`,
    );

    database = await openBenchDatabase();
    let queries = 0;
    const statements = new Map<string, number>();
    const listStatements = process.argv.includes("--statements");
    sql = postgres(database.url, {
      max: 10,
      onnotice: () => {},
      prepare: true,
      debug: (_connection, query) => {
        queries += 1;
        if (listStatements) statements.set(query.slice(0, 110), (statements.get(query.slice(0, 110)) ?? 0) + 1);
      },
    });
    const db: Db = drizzle(sql, { schema, casing: "snake_case" });
    // After-commit effects (integration events, automation) reach the database through getDb().
    if (rules > 0) setEnvVar("DATABASE_URL", database.url);
    const [account] = await db.insert(schema.accounts).values({ name: "Bench" }).returning();
    const { inbox } = await createEmailInboxRow(db, account.id, {
      email: BENCH_INBOX_ADDRESS,
      imap: { host: dovecot.host, port: dovecot.port, password, folder: FOLDER, afterImport: "leave" },
    });

    // The floor of one statement on this machine right now: a round trip of `select 1`.
    const rttStarted = performance.now();
    for (let i = 0; i < 500; i++) await sql`select 1`;
    const roundTripMs = (performance.now() - rttStarted) / 500;
    console.log(`database round trip (select 1): ${roundTripMs.toFixed(3)} ms`);

    queries = 0;
    const cpu = process.cpuUsage();
    // CPU seconds of this process, the embedded PostgreSQL and Dovecot (which daemonizes: found by
    // its pid file): unlike wall time, barely moved by the other work on a shared machine.
    const meter = cpuMeter({
      node: { pid: process.pid, tree: false },
      postgres: { pid: database.dataDir ? postmasterPid(database.dataDir) : null, tree: true },
      dovecot: { pid: dovecot.masterPid?.() ?? null, tree: true },
    });
    const cpuStart = meter.read();
    started = performance.now();
    const polls = await importFolder(db, account.id, inbox.id, total, batchSize);
    const importMs = performance.now() - started;
    const importCpuEnd = meter.read();
    const importQueries = queries;
    const importCpu = process.cpuUsage(cpu);
    console.log(`import used ${((importCpu.user + importCpu.system) / 1000 / importMs * 100).toFixed(0)}% of one CPU in this process`);
    console.log(`import CPU: node ${(importCpuEnd.node - cpuStart.node).toFixed(2)} s, PostgreSQL ${(importCpuEnd.postgres - cpuStart.postgres).toFixed(2)} s, Dovecot ${(importCpuEnd.dovecot - cpuStart.dovecot).toFixed(2)} s`);
    const rate = polls.fetched / (importMs / 1000);
    console.log(`import: ${polls.count} polls, ${JSON.stringify(polls)} in ${(importMs / 1000).toFixed(2)} s = ${rate.toFixed(0)} msgs/s, ${(importQueries / polls.fetched).toFixed(1)} SQL statements per message`);

    let automation: Awaited<ReturnType<typeof compareRules>> | null = null;
    if (rules > 0) {
      // The import above was the warm-up; now the same folder into fresh accounts without and with the rules, alternating.
      // Autovacuum would start at random moments (and land in either variant): each phase vacuums after itself instead.
      if (!env().BENCH_DATABASE_URL) await sql.unsafe("alter system set autovacuum = off").then(() => sql!.unsafe("select pg_reload_conf()"));
      await sql.unsafe("vacuum (analyze)");
      // After-commit effects on this same pool from now on: their statements are counted, and their connections known to the CPU meter.
      installDb({ url: database.url, db, sql });
      // Every connection of the pool open before measuring: a backend started mid-phase would be
      // missed by the cheap samples around each firing (cpuMeter.sample reads known processes only).
      await Promise.all(Array.from({ length: 10 }, () => sql!`select pg_sleep(0.05)`));
      // A full collection ends each import and evaluation, charged to it: the garbage one phase leaves
      // was collected, and counted, in whichever came next (0.2 s of the evaluation's node CPU was the import's).
      v8.setFlagsFromString("--expose-gc");
      const gc = vm.runInNewContext("gc") as () => void;
      gc();
      const collected = process.cpuUsage();
      gc();
      const gcCpu = process.cpuUsage(collected);
      // What that costs with nothing to collect (marking what lives): the with-rules run pays it once more than the other.
      console.log(`a full garbage collection of this process's heap (${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB live) costs ${((gcCpu.user + gcCpu.system) / 1000).toFixed(0)} ms of CPU with nothing to collect`);
      let n = 0;
      automation = await compareRules({
        db,
        rules,
        rounds,
        meter,
        newInbox: async (withRules) => {
          n += 1;
          const [a] = await db.insert(schema.accounts).values({ name: `Bench ${n}${withRules ? " with rules" : ""}` }).returning();
          const { inbox: i } = await createEmailInboxRow(db, a.id, {
            email: `run${n}-${BENCH_INBOX_ADDRESS}`,
            imap: { host: dovecot!.host, port: dovecot!.port, login: BENCH_INBOX_ADDRESS, password, folder: FOLDER, afterImport: "leave" },
          });
          return { accountId: a.id, inboxId: i.id };
        },
        importInto: async (accountId, inboxId) => void (await importFolder(db, accountId, inboxId, total, batchSize)),
        queries: () => queries,
        settle: async () => {
          await sql!.unsafe("vacuum (analyze)");
          await sql!.unsafe("checkpoint").catch(() => undefined); // needs pg_checkpoint: skipped on a server that refuses it
        },
        collect: gc,
        splitFirings: process.argv.includes("--split-firings"),
        budgetMs: maxMinutes * 60_000,
        profileDir: option("profile-evaluation"),
        noFirings: process.argv.includes("--no-firings"),
      });
    }

    if (listStatements) {
      for (const [text, n] of [...statements].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${String(n).padStart(7)}  ${text.replace(/\s+/g, " ")}`);
    }
    const counts = await countIngest(db, account.id, inbox.id);
    // Every distinct message must be a message row, or visibly quarantined/ignored (never pending).
    const lost = Math.max(0, mail.distinct - (counts.messages - counts.duplicates) - counts.quarantined - counts.ignored);
    console.log(`database: ${JSON.stringify(counts)}; expected ${mail.distinct} distinct`);
    const parse = await measureParseBound(total);
    const parseRatio = parse.msgsPerSecond / bareRate;
    console.log(
      `parse bound: parseEmail alone on ${parse.processes} cores, ${parse.msPerMessage.toFixed(3)} ms per message = ${parse.msgsPerSecond.toFixed(0)} msgs/s = ${parseRatio.toFixed(2)} of the bare fetch (${((bare.ms / bare.count)).toFixed(3)} ms per message)`,
    );
    console.log(
      `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB, Node ${process.version}, PostgreSQL ${database.serverVersion}`,
    );
    console.log(
      JSON.stringify({
        messages: total,
        imported: counts.messages,
        duplicates: counts.duplicates,
        lost,
        quarantined: counts.quarantined,
        msgs_per_s: Math.round(rate),
        bare_fetch_msgs_per_s: Math.round(bareRate),
        ratio_to_bare_fetch: Math.round((rate / bareRate) * 1000) / 1000,
        statements_per_message: Math.round((importQueries / polls.fetched) * 10) / 10,
        round_trip_ms: Math.round(roundTripMs * 1000) / 1000,
        parse_bound_msgs_per_s: Math.round(parse.msgsPerSecond),
        parse_bound_ratio: Math.round(parseRatio * 1000) / 1000,
        ...(automation ? { automation } : {}),
      }),
    );
  } finally {
    await sql?.end({ timeout: 5 }).catch(() => undefined);
    await database?.close().catch((error: unknown) => console.error("could not close the bench database", error));
    await dovecot?.stop().catch((error: unknown) => console.error("could not stop Dovecot", error));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
