import "../lib/load-env-files"; // .env first, as every script: BENCH_DATABASE_URL may live there
import os from "node:os";
import { createDb } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { sidebarCounts } from "@/lib/conversations/sidebar-counts";
import { sql } from "drizzle-orm";
import { conversationSummariesQuery } from "@/db/queries/conversation-summaries";
import { pageClause } from "@/lib/conversations/list-conversations";
import { CONVERSATION_ATTRIBUTES, conversationAttribute } from "@/lib/conversations/filter/conversation-attributes";
import { compileFilter, type FilterCondition } from "@/lib/conversations/filter/payload";
import { sortClauses } from "@/lib/conversations/filter/sort";
import { openKeptBenchDatabase } from "./bench-database";
import { churn } from "./churn";
import { percentile, round } from "./measure";
import { cpuSeconds, postmasterPid } from "./proc-cpu";
import { buildDirectory, ensureProductionBuild, startNextServer, type NextServer } from "./next-server";
import { loadSeed, SIZES } from "./kept-seed";
import { signIn } from "./inbox-sign-in";
import { weighPage } from "./page-weight";

/**
 * `npm run bench:inbox -- --size 10k|100k|1M`: the agent's screens as they are served, signed in,
 * over loopback HTTP against the production build (`next start`), beside the JSON API for the
 * same data. Series are interleaved request by request (a busy moment on this shared machine hits
 * every series alike), so the p50 ratio of a page to the API list is the headline; p95 is reported.
 * The seeded database is kept per size and reused; every run first applies ordinary updates
 * (new mail, reads, assignments, status changes) so the state is not a freshly vacuumed one.
 * Then a concurrency series: 1, 10 and 50 clients loading the list page for a bounded time.
 * Options: --size (default 100k), --rounds N (default 200), --save-pages DIR (the weighed pages' HTML), --seconds S per concurrency step
 * (default 10), --reseed, --rebuild, --seed-only (prepare the kept database and stop), --cpu-prof DIR
 * (a V8 CPU profile of the Next server, written into DIR when the run ends), --explain (the plans
 * of the filtered page: the triage view, then one per standard filter attribute).
 * The last line of stdout is one JSON object.
 */
const ROUND_SECONDS = 300; // the interleaved rounds stop here even if --rounds is not reached

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (line: string) => console.log(line);

type Series = { key: string; label: string; run: () => Promise<void> };
type Stats = { n: number; p50: number; p95: number };

const stats = (samples: number[]): Stats => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)) };
};

/** Every round runs each series once, in a rotating order; warm-up rounds are not recorded. */
async function interleaved(series: Series[], rounds: number, warmup: number): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(series.map((s) => [s.key, []]));
  const deadline = performance.now() + ROUND_SECONDS * 1000;
  for (let r = 0; r < warmup + rounds && performance.now() < deadline; r++) {
    for (let i = 0; i < series.length; i++) {
      const s = series[(r + i) % series.length];
      const t0 = performance.now();
      await s.run();
      if (r >= warmup) samples[s.key].push(performance.now() - t0);
    }
  }
  return samples;
}

/**
 * `clients` loops loading the same page until `seconds` pass; pages per second and latency, and
 * the CPU time per page of the Next server and of PostgreSQL (from /proc: what a page costs,
 * whatever else the machine is doing).
 */
async function concurrent(run: () => Promise<void>, clients: number, seconds: number, pids: { next: number; postgres: number | null }) {
  const latencies: number[] = [];
  const cpu0 = { next: cpuSeconds(pids.next), postgres: pids.postgres ? cpuSeconds(pids.postgres) : 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await run();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const perPage = (seconds: number) => round((seconds * 1000) / Math.max(1, latencies.length), 1);
  const nextCpu = perPage(cpuSeconds(pids.next) - cpu0.next);
  const postgresCpu = pids.postgres ? perPage(cpuSeconds(pids.postgres) - cpu0.postgres) : null;
  return { clients, pages_per_s: round(latencies.length / elapsed, 1), ...stats(latencies), next_cpu_ms_per_page: nextCpu, postgres_cpu_ms_per_page: postgresCpu };
}

/**
 * --explain: the plan of the filtered page statement (the same SQL the API runs) and of one page
 * per standard filter attribute, so "every filter is served by an index" is checked at this size.
 */
async function explainFiltered(db: ReturnType<typeof createDb>["db"], accountId: number, triage: FilterCondition[]): Promise<void> {
  const order = sortClauses("waiting_since_asc");
  const show = async (label: string, conditions: FilterCondition[], sort = order) => {
    const statement = conversationSummariesQuery(accountId, compileFilter(conditions, conversationAttribute), pageClause(1, sort.inner), sort.outer);
    const rows = await db.execute<{ "QUERY PLAN": string }>(sql`explain (analyze, buffers, costs off) ${statement}`);
    const plan = rows.map((r) => r["QUERY PLAN"]);
    const scans = plan.filter((l) => /Scan on conversations|Scan using conversations|Scan Backward using conversations/.test(l)).map((l) => l.trim());
    log(`explain ${label}: ${scans.join(" | ")} — ${plan.find((l) => l.startsWith("Execution Time")) ?? ""}`);
  };
  await show("triage (open, unassigned, waiting longest)", triage);
  const open: FilterCondition = { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "AND" };
  const probes: Record<string, FilterCondition> = {
    priority: { attribute_key: "priority", filter_operator: "equal_to", values: ["urgent"] },
    assignee_id: { attribute_key: "assignee_id", filter_operator: "is_present", values: [] },
    created_at: { attribute_key: "created_at", filter_operator: "days_before", values: [30] },
    last_activity_at: { attribute_key: "last_activity_at", filter_operator: "days_before", values: [30] },
    labels: { attribute_key: "labels", filter_operator: "is_present", values: [] },
    team_id: { attribute_key: "team_id", filter_operator: "is_present", values: [] },
  };
  for (const key of Object.keys(CONVERSATION_ATTRIBUTES)) {
    if (probes[key]) await show(`open + ${key}`, [open, probes[key]], sortClauses("last_activity_at_desc"));
  }
}

async function main(): Promise<void> {
  const size = option("size") ?? "100k";
  if (!SIZES[size]) throw new Error(`--size takes one of ${Object.keys(SIZES).join(", ")}`);
  const rounds = Math.min(2000, Math.max(10, Number(option("rounds") ?? 200)));
  const seconds = Math.min(60, Math.max(2, Number(option("seconds") ?? 10)));
  if (!flag("seed-only")) {
    const build = await ensureProductionBuild(flag("rebuild"));
    log(`build: ${build === "built" ? "ran next build" : "reused the previous build"} in ${buildDirectory()}`);
  }

  const database = await openKeptBenchDatabase(size);
  let server: NextServer | undefined;
  const handle = createDb(database.url, { max: 2 });
  const cleanUp = async () => {
    await server?.stop().catch(() => {});
    await handle.sql.end({ timeout: 5 }).catch(() => {});
    await database.close();
  };
  process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));
  try {
    const { seed, reused } = await loadSeed(database.url, size, flag("reseed"), database.fresh, log);
    const c = seed.counts;
    log(`database: PostgreSQL ${database.serverVersion}, ${database.source}`);
    log(`seed: ${c.conversations} conversations, ${c.messages} messages, ${SIZES[size].contacts} contacts ${reused ? "(reused)" : `in ${seed.seconds.toFixed(0)} s`}`);
    if (flag("seed-only")) return;
    const changed = await churn(database.url, seed.accountId, Math.max(200, Math.round(c.open / 20)));
    log(`ordinary updates: ${changed.newMail} conversations with new mail, ${changed.reads} read, ${changed.assignments} (un)assigned, ${changed.statusChanges} resolved/reopened in ${changed.seconds.toFixed(1)} s (no VACUUM)`);

    server = await startNextServer(database.url, { cpuProfileDir: option("cpu-prof") });
    const cookie = await signIn(server, "bench-1@example.test");
    const base = server.baseUrl;
    const account = `/api/v1/accounts/${seed.accountId}`;
    const screens = `/app/accounts/${seed.accountId}/conversations`;
    const searchTerm = `contact${Math.round(SIZES[size].contacts * 0.777)}@`;

    const get = async (path: string, headers: Record<string, string>, check: (body: string) => boolean) => {
      const res = await fetch(base + path, { headers, redirect: "manual" });
      const body = await res.text();
      if (res.status !== 200 || !check(body)) throw new Error(`GET ${path} answered ${res.status}: ${body.slice(0, 200)}`);
    };
    const api = { api_access_token: seed.apiAccessToken, accept: "application/json" };
    const post = async (path: string, body: unknown, check: (body: string) => boolean) => {
      const res = await fetch(base + path, { method: "POST", headers: { ...api, "content-type": "application/json" }, body: JSON.stringify(body) });
      const text = await res.text();
      if (res.status !== 200 || !check(text)) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    };
    // The triage view: open and unassigned, waiting longest first (a saved view's typical query).
    const triage: FilterCondition[] = [
      { attribute_key: "status", filter_operator: "equal_to", values: ["open"], query_operator: "AND" },
      { attribute_key: "assignee_id", filter_operator: "is_not_present", values: [] },
    ];
    if (flag("explain")) await explainFiltered(handle.db, seed.accountId, triage);
    const browser = { cookie, accept: "text/html" };
    const series: Series[] = [
      {
        key: "api_list",
        label: "API conversation list (baseline)",
        run: () => get(`${account}/conversations?status=open&assignee_type=all&page=1`, api, (b) => (JSON.parse(b) as { data: { payload: unknown[] } }).data.payload.length === 25),
      },
      {
        key: "api_filter",
        label: "API filter: open, unassigned, waiting longest",
        run: () => post(`${account}/conversations/filter`, { payload: triage, sort_by: "waiting_since_asc" }, (b) => Array.isArray((JSON.parse(b) as { payload: unknown[] }).payload)),
      },
      {
        key: "api_list_sorted",
        label: "API list sort_by=created_at_asc, status=all",
        run: () => get(`${account}/conversations?status=all&assignee_type=all&sort_by=created_at_asc`, api, (b) => (JSON.parse(b) as { data: { payload: unknown[] } }).data.payload.length === 25),
      },
      { key: "list_page", label: "list page (server-rendered)", run: () => get(screens, browser, (b) => b.includes("</html>")) },
      { key: "conversation_page", label: `conversation page #${seed.busyOpenDisplayId}`, run: () => get(`${screens}/${seed.busyOpenDisplayId}`, browser, (b) => b.includes("</html>")) },
      {
        key: "api_messages",
        label: "API messages of the same conversation",
        run: () => get(`${account}/conversations/${seed.busyOpenDisplayId}/messages`, api, (b) => (JSON.parse(b) as { payload: unknown[] }).payload.length > 0),
      },
      {
        key: "contact_search",
        label: `API contact search q=${searchTerm}`,
        run: () => get(`${account}/contacts/search?q=${encodeURIComponent(searchTerm)}`, api, (b) => (JSON.parse(b) as { meta: { count: number } }).meta.count >= 1),
      },
      {
        // In this process, straight on the database: the sidebar's query on its own.
        key: "sidebar_counts",
        label: "sidebar counts (domain function)",
        run: async () => void (await sidebarCounts(handle.db, userActor(seed.adminUserId), seed.accountId)),
      },
    ];
    for (const s of series) await s.run(); // fail early on a wrong answer
    const saveTo = option("save-pages");
    const weigh = (path: string, name: string) => weighPage(base + path, browser, saveTo ? `${saveTo}/${name}.html` : undefined);
    const weights = { list_page: await weigh(screens, "list_page"), conversation_page: await weigh(`${screens}/${seed.busyOpenDisplayId}`, "conversation_page") };
    for (const [name, w] of Object.entries(weights)) log(`${name}: ${(w.html_bytes / 1024).toFixed(1)} KiB of HTML, ${(w.rsc_bytes / 1024).toFixed(1)} KiB of it RSC payload`);
    const samples = await interleaved(series, rounds, Math.min(20, Math.ceil(rounds / 10)));
    const results = Object.fromEntries(series.map((s) => [s.key, stats(samples[s.key])]));
    const baseline = results.api_list;
    log(`\n${"series".padEnd(44)} ${"n".padStart(5)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)}  p50 ÷ API list  p95 ÷ API list`);
    for (const s of series) {
      const r = results[s.key];
      log(`${s.label.padEnd(44)} ${String(r.n).padStart(5)} ${r.p50.toFixed(2).padStart(9)} ${r.p95.toFixed(2).padStart(9)}  ${(r.p50 / baseline.p50).toFixed(2).padStart(13)}x  ${(r.p95 / baseline.p95).toFixed(2).padStart(13)}x`);
    }

    // "For the same data": the conversation page shows the list and the thread, which the API
    // serves as two calls (the list, then the messages).
    const sameData = { p50: results.api_list.p50 + results.api_messages.p50, p95: results.api_list.p95 + results.api_messages.p95 };
    const pageToSameData = { p50: round(results.conversation_page.p50 / sameData.p50), p95: round(results.conversation_page.p95 / sameData.p95) };
    log(`conversation page ÷ (API list + API messages): ${pageToSameData.p50}x p50, ${pageToSameData.p95}x p95`);

    const listPage = () => get(screens, browser, (b) => b.includes("</html>"));
    const concurrency = [];
    for (const clients of [1, 10, 50]) {
      const r = await concurrent(listPage, clients, seconds, { next: server.pid, postgres: database.dataDir ? postmasterPid(database.dataDir) : null });
      concurrency.push(r);
      const cpu = `CPU per page: Next ${r.next_cpu_ms_per_page} ms, PostgreSQL ${r.postgres_cpu_ms_per_page ?? "?"} ms`;
      log(`list page, ${String(clients).padStart(2)} clients for ${seconds} s: ${r.pages_per_s} pages/s, p50 ${r.p50} ms, p95 ${r.p95} ms (${r.n} pages); ${cpu}`);
    }

    const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
    log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${load}, Node ${process.version}`);
    const ratio = (k: string, p: "p50" | "p95") => round(results[k][p] / baseline[p]);
    const goal = (label: string, ok: boolean, detail: string) => log(`goal ${label}: ${ok ? "met" : "MISSED"} (${detail})`);
    if (size === "1M") {
      goal("list page p95 < 100 ms (1 client, 1M)", results.list_page.p95 < 100, `${results.list_page.p95} ms`);
      goal("conversation page p95 < 100 ms (1 client, 1M)", results.conversation_page.p95 < 100, `${results.conversation_page.p95} ms`);
      goal("list page ≤ 2x the API list (p50, 1M)", ratio("list_page", "p50") <= 2, `${ratio("list_page", "p50")}x`);
      goal("conversation page ≤ 2x the API list + API messages (p50, 1M)", pageToSameData.p50 <= 2, `${pageToSameData.p50}x`);
      goal("sidebar counts p95 < 20 ms (1M)", results.sidebar_counts.p95 < 20, `${results.sidebar_counts.p95} ms`);
      goal("contact search p95 < 20 ms (500k contacts)", results.contact_search.p95 < 20, `${results.contact_search.p95} ms`);
    }
    if (size === "100k") goal("≥ 50 list pages/s with 10 clients (100k)", concurrency[1].pages_per_s >= 50, `${concurrency[1].pages_per_s} pages/s`);
    console.log(
      JSON.stringify({
        size,
        list_page_ratio_p50: ratio("list_page", "p50"),
        conversation_page_ratio_p50: ratio("conversation_page", "p50"),
        list_page_ratio_p95: ratio("list_page", "p95"),
        conversation_page_ratio_p95: ratio("conversation_page", "p95"),
        conversation_page_to_api_list_and_messages_p50: pageToSameData.p50,
        conversation_page_to_api_list_and_messages_p95: pageToSameData.p95,
        ...Object.fromEntries(Object.entries(results).flatMap(([k, r]) => [[`${k}_p50_ms`, r.p50], [`${k}_p95_ms`, r.p95]])),
        rounds: results.api_list.n,
        weights,
        concurrency,
        seed_reused: reused,
        postgres: database.serverVersion,
        load_avg_1m: round(os.loadavg()[0]),
      }),
    );
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
