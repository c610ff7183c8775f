import "../lib/load-env-files"; // .env first, as every script: BENCH_DATABASE_URL may live there
import os from "node:os";
import { CONVERSATIONS_PER_PAGE, MAX_CONVERSATION_PAGE } from "@/lib/conversations/list-conversations";
import { openBenchDatabase, type BenchDatabase } from "./bench-database";
import { explainPlan } from "./explain";
import { formatTiming, measure, round, type Timing } from "./measure";
import { buildDirectory, ensureProductionBuild } from "./next-server";
import { startWireRecorder, type WireRecorder } from "./pg-wire-recorder";
import { createBareClient, describePlan, planReplay, prepareReplayer, type ReplayPlan } from "./replay";
import { seedInbox, type SeedResult } from "./seed-inbox";
import { startHttpTarget, startInProcessTarget, type ApiRequest, type ApiTarget } from "./targets";

/**
 * `npm run bench:inbox`: seeds 100,000 conversations and 1,000,000 messages into a fresh database,
 * then times the conversation list API (first and deepest page) and a conversation's messages,
 * and the very same SQL issued straight from postgres.js. See docs/benchmarks.md.
 * Options: --requests N (default 500), --rebuild (force `next build`), --in-process (call the
 * route handlers in this process instead of HTTP against `next start`), --identity (ask for
 * uncompressed responses; by default gzip is accepted as browsers do), --explain (EXPLAIN
 * ANALYZE each recorded statement). The last line of stdout is one JSON object with the figures.
 */
type Scenario = ApiRequest & { key: "list" | "deep_page" | "messages" | "agent_list"; label: string; check: (body: string) => string };

const LIST_PAGE_SIZE = CONVERSATIONS_PER_PAGE;
// The deep page is the deepest one the list API accepts (or the last page of open conversations).
const MAX_LIST_PAGE = MAX_CONVERSATION_PAGE;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : (process.argv[i + 1] ?? "");
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function scenarios(seed: SeedResult): Scenario[] {
  const account = `/api/v1/accounts/${seed.accountId}`;
  const deepPage = Math.min(MAX_LIST_PAGE, Math.ceil(seed.counts.open / LIST_PAGE_SIZE));
  const listParams = { account_id: String(seed.accountId) };
  const listOf = (expectedAll: (n: number) => boolean) => (body: string) => {
    const json = JSON.parse(body) as { data?: { meta?: Record<string, number>; payload?: unknown[] } };
    const payload = json.data?.payload;
    if (!Array.isArray(payload) || payload.length !== LIST_PAGE_SIZE) throw new Error(`expected ${LIST_PAGE_SIZE} conversations in data.payload, got ${body.slice(0, 200)}`);
    if (!expectedAll(json.data?.meta?.all_count ?? -1)) throw new Error(`unexpected data.meta ${JSON.stringify(json.data?.meta)}`);
    return `${payload.length} conversations, meta ${JSON.stringify(json.data?.meta)}`;
  };
  const list = listOf((n) => n === seed.counts.open);
  const listPath = (page: number) => `${account}/conversations?status=open&assignee_type=all&page=${page}`;
  return [
    { key: "list", label: "list, page 1", path: listPath(1), route: "conversations", params: listParams, check: list },
    { key: "deep_page", label: `list, page ${deepPage}`, path: listPath(deepPage), route: "conversations", params: listParams, check: list },
    {
      key: "messages",
      label: `messages of #${seed.busyOpenDisplayId}`,
      path: `${account}/conversations/${seed.busyOpenDisplayId}/messages`,
      route: "messages",
      params: { ...listParams, conversation_id: String(seed.busyOpenDisplayId) },
      check: (body) => {
        const json = JSON.parse(body) as { payload?: unknown[] };
        if (!Array.isArray(json.payload) || json.payload.length === 0) throw new Error(`expected messages in payload, got ${body.slice(0, 200)}`);
        return `${json.payload.length} messages`;
      },
    },
    {
      // Agents see only their inboxes: the same list under an inbox_id IN (...) filter.
      key: "agent_list",
      label: "list, page 1, as an agent",
      path: listPath(1),
      route: "conversations",
      params: listParams,
      token: seed.agentApiAccessToken,
      check: listOf((n) => n > 0 && n < seed.counts.open),
    },
  ];
}

/**
 * Records one request's SQL several times and keeps the plan (statements, parameters, and which of
 * them overlapped) seen most often, so a stray background query or a slow outlier does not count.
 */
async function recordRequest(recorder: WireRecorder, call: () => Promise<unknown>): Promise<ReplayPlan> {
  for (let i = 0; i < 3; i++) await call(); // prepare statements and open pool connections first
  const seen = new Map<string, { count: number; plan: ReplayPlan }>();
  for (let i = 0; i < 7; i++) {
    recorder.start();
    await call();
    await new Promise((r) => setTimeout(r, 20)); // let the last ReadyForQuery pass the proxy
    const plan = planReplay(recorder.stop());
    const key = JSON.stringify(plan);
    const entry = seen.get(key) ?? { count: 0, plan };
    entry.count += 1;
    seen.set(key, entry);
  }
  const best = [...seen.values()].sort((a, b) => b.count - a.count)[0];
  if (best.plan.statements === 0) throw new Error("recorded no SQL for the request");
  return best.plan;
}

async function main(): Promise<void> {
  const requests = Number(option("requests") ?? 500);
  const timing = { requests, warmup: 50, maxSeconds: 300 };
  const inProcess = flag("in-process");
  let db: BenchDatabase | undefined;
  let target: ApiTarget | undefined;
  let recorder: WireRecorder | undefined;
  let bare: ReturnType<typeof createBareClient> | undefined;
  // Resources are let go once, whether the run ends, fails or is interrupted; every path awaits it.
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await target?.stop().catch(() => {});
      await recorder?.close().catch(() => {});
      await bare?.end({ timeout: 5 }).catch(() => {});
      await db?.close();
    })());
  // Ctrl-C still stops the server and the database this run started and removes its data.
  process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));
  if (!Number.isInteger(requests) || requests < 1) throw new Error("--requests takes a positive whole number");
  try {
    if (!inProcess) {
      const build = await ensureProductionBuild(flag("rebuild"));
      console.log(`build: ${build === "built" ? "ran next build" : "reused the previous build (newer than the sources)"} in ${buildDirectory()}`);
    }
    db = await openBenchDatabase();
    console.log(`database: PostgreSQL ${db.serverVersion}, ${db.source}`);
    const seed = await seedInbox(db.url);
    const c = seed.counts;
    console.log(
      `seed: ${c.conversations} conversations (open ${c.open}, pending ${c.pending}, resolved ${c.resolved}, snoozed ${c.snoozed}), ${c.messages} messages in ${seed.seconds.toFixed(1)} s`,
    );
    const list = scenarios(seed);
    const compressed = !flag("identity");
    const start = (url: string) => (inProcess ? startInProcessTarget(url, seed.apiAccessToken) : startHttpTarget(url, seed.apiAccessToken, compressed));

    // 1. Learn each request's SQL: the API talks to PostgreSQL through the recorder.
    recorder = await startWireRecorder({ host: db.host, port: db.port });
    const recordedUrl = new URL(db.url);
    recordedUrl.hostname = "127.0.0.1";
    recordedUrl.port = String(recorder.port);
    target = await start(recordedUrl.toString());
    console.log(`API: ${target.mode === "http" ? "HTTP against next start (production build) on loopback" : "route handlers' GET called in process with a real Request"}`);
    const recorded: { s: Scenario; plan: ReplayPlan }[] = [];
    for (const s of list) {
      const api = target;
      console.log(`${s.label}: ${s.check(await api.get(s))}`);
      const plan = await recordRequest(recorder, () => api.get(s));
      recorded.push({ s, plan });
      console.log(`${s.label}: ${plan.statements} statements on ${plan.connections} connection(s) in ${plan.waves.length} round trip(s)`);
      for (const line of describePlan(plan)) console.log(line);
    }
    await target.stop();
    target = undefined;
    await recorder.close();
    recorder = undefined;

    bare = createBareClient(db.url, 10);
    if (flag("explain")) {
      for (const { s, plan } of recorded) for (const line of await explainPlan(bare, s.label, plan)) console.log(line);
    }

    // 2. Time the API (straight to PostgreSQL now), then the bare SQL, one request at a time. A
    // first round over every request lets the server load its route code and the JIT settle
    // before anything counts; the bare series runs while the server is idle (no help from it).
    const api = (target = await start(db.url));
    for (let round = 0; round < 100; round++) for (const s of list) await api.get(s);
    const results: Record<string, { api: Timing; bare: Timing }> = {};
    for (const { s, plan } of recorded) {
      const apiTiming = await measure(`API  ${s.label}`, async () => void (await api.get(s)), timing);
      const replayer = await prepareReplayer(bare, plan);
      let bareTiming: Timing;
      try {
        bareTiming = await measure(`bare ${s.label}`, replayer.run, timing);
      } finally {
        replayer.release();
      }
      results[s.key] = { api: apiTiming, bare: bareTiming };
      console.log(formatTiming(apiTiming));
      console.log(formatTiming(bareTiming));
      console.log(`     ${s.label}: API/bare p50 ${(apiTiming.p50 / bareTiming.p50).toFixed(2)}x, p95 ${(apiTiming.p95 / bareTiming.p95).toFixed(2)}x`);
    }

    // The floor: what the server costs per request before any SQL runs (token missing, 401).
    const floor = await measure("API  without token (401, no SQL)", () => api.getUnauthenticated(list[0]), timing);
    console.log(formatTiming(floor));

    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
    console.log(`machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load ${load}, Node ${process.version}`);
    const ratio = (k: string) => round(results[k].api.p95 / results[k].bare.p95);
    const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
    console.log(
      `targets: list p95 < 50 ms ${verdict(results.list.api.p95 < 50)} (${round(results.list.api.p95)} ms), ` +
        `list within 3x of bare ${verdict(ratio("list") <= 3)} (${ratio("list")}x)`,
    );
    console.log(
      JSON.stringify({
        list_p95_ms: round(results.list.api.p95),
        list_ratio: ratio("list"),
        deep_page_p95_ms: round(results.deep_page.api.p95),
        messages_p95_ms: round(results.messages.api.p95),
        list_p50_ms: round(results.list.api.p50),
        list_ratio_p50: round(results.list.api.p50 / results.list.bare.p50),
        list_bare_p95_ms: round(results.list.bare.p95),
        deep_page_ratio: ratio("deep_page"),
        deep_page_bare_p95_ms: round(results.deep_page.bare.p95),
        messages_ratio: ratio("messages"),
        messages_bare_p95_ms: round(results.messages.bare.p95),
        agent_list_p95_ms: round(results.agent_list.api.p95),
        agent_list_ratio: ratio("agent_list"),
        floor_p50_ms: round(floor.p50),
        requests,
        mode: target.mode,
        gzip: target.mode === "http" && compressed,
        seed_seconds: round(seed.seconds, 1),
        postgres: db.serverVersion,
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
