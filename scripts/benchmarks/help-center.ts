import "../lib/load-env-files";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { type SQL, sql as drizzleSql } from "drizzle-orm";
import { createDb } from "@/db/client";
import { articles, categories, portals } from "@/db/schema";
import { createAccountWithAdmin } from "@/lib/accounts/provision";
import { findPublicPortal, searchArticles } from "@/lib/help-center/public";
import { openBenchDatabase } from "./bench-database";
import { formatTiming, measure, percentile, round, type Timing } from "./measure";
import { buildDirectory, ensureProductionBuild, startNextServer } from "./next-server";

/**
 * `npm run bench:hc` (issue 11 items 8 and 9), against the production build served as `npm start`
 * serves it (scripts/server.ts: Next's handler behind the help center's front door):
 * - article page: requests per second with C concurrent keep-alive clients, and latency p50/p95,
 *   next to a static HTML file of the same bytes served (a) by a bare Node http server (stat + read
 *   per request, as a static file server does) and (b) by Next from public/ in the same server, in
 *   the same run; the goal is a ratio of at least 0.5 to (a);
 * - search at N published articles: p95 of the full search page's JSON twin and of the
 *   as-you-type search over HTTP, and of the same search function called directly (the bare SQL
 *   plus mapping), with their ratio.
 * Options: --articles N (default 10000, at most 50000), --requests N (default 3000), --concurrency C
 * (default 8), --rebuild, --search-only (no build or server: the search function's timings alone). Loopback only; the last line of stdout is one JSON object.
 */
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const ARTICLES = Math.min(50_000, Math.max(100, Number(option("articles") ?? 10_000)));
const REQUESTS = Math.min(50_000, Math.max(100, Number(option("requests") ?? 3000)));
const CONCURRENCY = Math.min(64, Math.max(1, Number(option("concurrency") ?? 8)));
const SEARCHES = 200;
const MAX_SECONDS = 300;
const log = (line: string) => process.stderr.write(`${line}\n`);

const WORDS = ("account billing invoice password reset email sign login team member role permission export import report " +
  "dashboard widget chat inbox conversation label filter automation rule webhook integration api token domain " +
  "notification mobile browser payment plan upgrade cancel refund language profile avatar security two factor").split(" ");
const pick = (i: number, n: number) => WORDS[(i * 7919 + n * 104729) % WORDS.length];
// Body text from a few thousand made-up words, with one topic word per sentence: real articles
// share some words, not all of them (with 50 words, every query would match every article).
const SYLLABLES = "ka lo mi ne ru sa te vo zi pa do fe gu hi ja".split(" ");
const FILLER = Array.from({ length: 3375 }, (_, i) => SYLLABLES[i % 15] + SYLLABLES[Math.floor(i / 15) % 15] + SYLLABLES[Math.floor(i / 225) % 15]);
const filler = (i: number, n: number) => FILLER[(i * 2654435761 + n * 40503) % FILLER.length];
const sentence = (i: number, n: number) => [pick(i, n), ...Array.from({ length: 11 }, (_, k) => filler(i + k, n + k))].join(" ");

async function seed(db: ReturnType<typeof createDb>["db"]) {
  const account = await createAccountWithAdmin(db, { accountName: "Bench", email: "bench@bench.test", name: "Bench Admin", password: `bench-${process.pid}` });
  const [portal] = await db.insert(portals).values({ accountId: account.accountId, name: "Bench Help", slug: "bench", allowedLocales: ["en"], defaultLocale: "en" }).returning();
  const cats = await db.insert(categories).values(Array.from({ length: 10 }, (_, i) => ({ accountId: account.accountId, portalId: portal.id, locale: "en", name: `Topic ${i}`, slug: `topic-${i}`, position: i }))).returning();
  const body = (i: number) => Array.from({ length: 12 }, (_, s) => `## ${pick(i, s)} ${pick(i, s + 1)}\n\n${sentence(i, s)}. ${sentence(i, s + 3)}.\n\n- ${sentence(i, s + 5)}\n- ${sentence(i, s + 6)}`).join("\n\n");
  for (let start = 0; start < ARTICLES; start += 500) {
    const rows = Array.from({ length: Math.min(500, ARTICLES - start) }, (_, k) => {
      const i = start + k;
      return {
        accountId: account.accountId, portalId: portal.id, categoryId: cats[i % cats.length].id, locale: "en",
        title: i === 0 ? "Password reset" : `${pick(i, 1)} ${pick(i, 2)} ${pick(i, 3)} ${i}`, slug: i === 0 ? "password-reset" : `article-${i}`,
        description: sentence(i, 9), content: body(i), status: "published" as const, publishedAt: new Date(), position: i,
        authorId: account.userId,
      };
    });
    await db.insert(articles).values(rows);
  }
  await db.execute("analyze articles");
  return portal;
}

/** C clients, each sending its next request when the previous answer is read; bounded by count and time. */
async function load(url: string, headers: Record<string, string>): Promise<Timing & { rps: number; bytes: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const samples: number[] = [];
  let sent = 0;
  let bytes = 0;
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const once = () => new Promise<void>((resolve, reject) => {
    const t0 = performance.now();
    http.get(url, { agent, headers }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => (n += c.length));
      res.on("end", () => {
        if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
        bytes = n;
        samples.push(performance.now() - t0);
        resolve();
      });
    }).on("error", reject);
  });
  for (let i = 0; i < 100; i++) await once(); // warm-up
  samples.length = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (sent < REQUESTS && performance.now() < deadline) {
      sent++;
      await once();
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    label: url, requests: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, max: sorted[sorted.length - 1], rps: sorted.length / seconds, bytes,
  };
}

function startStaticServer(file: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    fs.stat(file, (err, stat) => {
      if (err) return res.writeHead(500).end();
      fs.readFile(file, (e, data) => {
        if (e) return res.writeHead(500).end();
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": stat.size, "Cache-Control": "public, max-age=0" });
        res.end(data);
      });
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as { port: number }).port;
    resolve({ url: `http://127.0.0.1:${port}/article.html`, close: () => server.close() });
  }));
}

const QUERIES = ["password reset", "pasword reset", "invoice", "biling adress", "two factor", "webhook api", "refund", "notifcation mobile", "team role permission", "export report"];
const PREFIXES = ["pas", "passw", "inv", "bill", "two f", "webh", "ref", "notif", "team r", "exp"];

/** --explain "query": the plans of the statements one search sends (EXPLAIN ANALYZE, BUFFERS). */
async function explain(db: ReturnType<typeof createDb>["db"], portal: NonNullable<Awaited<ReturnType<typeof findPublicPortal>>>, query: string) {
  const sent: SQL[] = [];
  type Db = ReturnType<typeof createDb>["db"];
  const record = <T extends Db>(target: T): T => new Proxy(target, {
    get: (t, key, receiver) => {
      if (key === "execute") return (q: SQL) => (sent.push(q), t.execute(q));
      if (key === "transaction") return (fn: (tx: Db) => Promise<unknown>) => t.transaction((tx) => fn(record(tx as unknown as Db)));
      return Reflect.get(t, key, receiver);
    },
  });
  const recording = record(db);
  await searchArticles(recording, portal, "en", query, { mode: "full" });
  await db.transaction(async (tx) => {
    await tx.execute(drizzleSql`SET LOCAL enable_seqscan = off`);
    for (const q of sent) {
      const rows = await tx.execute<{ "QUERY PLAN": string }>(drizzleSql`EXPLAIN (ANALYZE, BUFFERS) ${q}`);
      log(rows.map((r) => r["QUERY PLAN"]).join("\n"));
    }
  });
}

/** --search-only: no build and no server; the search function called directly, and one query's plan. */
async function searchOnly() {
  const database = await openBenchDatabase();
  const { db, sql } = createDb(database.url, { max: 2 });
  try {
    log(`seeding ${ARTICLES} articles...`);
    const portal = await seed(db);
    const live = await findPublicPortal(db, { slug: portal.slug });
    if (!live) throw new Error("portal missing");
    let q = 0;
    const opts = { requests: SEARCHES, warmup: 20, maxSeconds: MAX_SECONDS };
    const full = await measure("search full (SQL)", async () => void (await searchArticles(db, live, "en", QUERIES[q++ % QUERIES.length], { mode: "full" })), opts);
    const prefix = await measure("search as-you-type (SQL)", async () => void (await searchArticles(db, live, "en", PREFIXES[q++ % PREFIXES.length], { mode: "prefix", limit: 10 })), opts);
    for (const t of [full, prefix]) log(formatTiming(t));
    for (const query of option("explain")?.split("|") ?? []) await explain(db, live, query);
    console.log(JSON.stringify({
      articles: ARTICLES, database: database.source, search: { fullSqlP95: round(full.p95), prefixSqlP95: round(prefix.p95) },
      machine: `${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
    }));
  } finally {
    await sql.end({ timeout: 5 });
    await database.close();
  }
}

async function main() {
  if (process.argv.includes("--search-only")) return searchOnly();
  const build = await ensureProductionBuild(process.argv.includes("--rebuild"));
  log(`build: ${build}`);
  const database = await openBenchDatabase();
  const { db, sql } = createDb(database.url, { max: 2 });
  let server = await startNextServer(database.url);
  try {
    log(`seeding ${ARTICLES} articles...`);
    const portal = await seed(db);
    const firstHtml = await (await fetch(`${server.baseUrl}/hc/${portal.slug}/articles/password-reset`)).text();
    // Next lists public/ when it starts: put the same page there and start again.
    fs.mkdirSync(path.join(buildDirectory(), "public"), { recursive: true });
    fs.writeFileSync(path.join(buildDirectory(), "public", "hc-bench-static.html"), firstHtml);
    await server.stop();
    server = await startNextServer(database.url);
    const articleUrl = `${server.baseUrl}/hc/${portal.slug}/articles/password-reset`;
    const html = await (await fetch(articleUrl)).text();
    const file = path.join(os.tmpdir(), `postdesk-bench-hc-${process.pid}.html`);
    fs.writeFileSync(file, html);
    const gzipBytes = (await (await fetch(articleUrl, { headers: { "accept-encoding": "gzip" } })).arrayBuffer()).byteLength;
    const staticServer = await startStaticServer(file);
    let page: Awaited<ReturnType<typeof load>>;
    let bare: Awaited<ReturnType<typeof load>>;
    let pageGzip: Awaited<ReturnType<typeof load>>;
    let nextStatic: Awaited<ReturnType<typeof load>>;
    try {
      bare = await load(staticServer.url, {});
      nextStatic = await load(`${server.baseUrl}/hc-bench-static.html`, {});
      page = await load(articleUrl, {});
      pageGzip = await load(articleUrl, { "accept-encoding": "gzip" });
    } finally {
      staticServer.close();
      fs.rmSync(file, { force: true });
    }
    log(`article page  ${round(page.rps, 0)} req/s  p50 ${round(page.p50)} ms  p95 ${round(page.p95)} ms  (${page.bytes} bytes)`);
    log(`  gzip        ${round(pageGzip.rps, 0)} req/s  p95 ${round(pageGzip.p95)} ms  (${pageGzip.bytes} bytes)`);
    log(`static file   ${round(bare.rps, 0)} req/s  p50 ${round(bare.p50)} ms  p95 ${round(bare.p95)} ms  (${bare.bytes} bytes)`);
    log(`next static   ${round(nextStatic.rps, 0)} req/s  p50 ${round(nextStatic.p50)} ms  p95 ${round(nextStatic.p95)} ms  (${nextStatic.bytes} bytes, public/ through Next in the same server)`);
    log(`ratio article/static: ${round(page.rps / bare.rps)} (bare Node), ${round(page.rps / nextStatic.rps)} (Next, public/)`);

    const queries = QUERIES;
    const prefixes = PREFIXES;
    const live = await findPublicPortal(db, { slug: portal.slug });
    if (!live) throw new Error("portal missing");
    let q = 0;
    const timings: Timing[] = [];
    const opts = { requests: SEARCHES, warmup: 20, maxSeconds: MAX_SECONDS };
    timings.push(await measure("search full (SQL)", async () => void (await searchArticles(db, live, "en", queries[q++ % queries.length], { mode: "full" })), opts));
    timings.push(await measure("search full (HTTP)", async () => void (await (await fetch(`${server.baseUrl}/hc/bench/en/search.json?mode=full&query=${encodeURIComponent(queries[q++ % queries.length])}`)).arrayBuffer()), opts));
    timings.push(await measure("search as-you-type (SQL)", async () => void (await searchArticles(db, live, "en", prefixes[q++ % prefixes.length], { mode: "prefix", limit: 10 })), opts));
    timings.push(await measure("search as-you-type (HTTP)", async () => void (await (await fetch(`${server.baseUrl}/hc/bench/en/search.json?query=${encodeURIComponent(prefixes[q++ % prefixes.length])}`)).arrayBuffer()), opts));
    for (const t of timings) log(formatTiming(t));
    const report = {
      articles: ARTICLES, concurrency: CONCURRENCY, requests: REQUESTS, build, database: database.source,
      articlePage: { rps: round(page.rps, 0), p50: round(page.p50), p95: round(page.p95), bytes: page.bytes, gzipBytes },
      articlePageGzip: { rps: round(pageGzip.rps, 0), p95: round(pageGzip.p95) },
      staticFile: { rps: round(bare.rps, 0), p50: round(bare.p50), p95: round(bare.p95) },
      nextStaticFile: { rps: round(nextStatic.rps, 0), p50: round(nextStatic.p50), p95: round(nextStatic.p95) },
      ratio: round(page.rps / bare.rps),
      ratioToNextStatic: round(page.rps / nextStatic.rps),
      search: {
        fullSqlP95: round(timings[0].p95), fullHttpP95: round(timings[1].p95), fullRatio: round(timings[1].p95 / timings[0].p95),
        prefixSqlP95: round(timings[2].p95), prefixHttpP95: round(timings[3].p95), prefixRatio: round(timings[3].p95 / timings[2].p95),
      },
      machine: `${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`,
    };
    console.log(JSON.stringify(report));
  } finally {
    await server.stop();
    await sql.end({ timeout: 5 });
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
