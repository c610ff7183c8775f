import "../lib/load-env-files"; // .env first, as every script: BENCH_DATABASE_URL may live there
import type { SQL } from "drizzle-orm";
import { createDb, type Db } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { listConversations } from "@/lib/conversations/list-conversations";
import { sidebarCounts } from "@/lib/conversations/sidebar-counts";
import { inboxesNeedingReconnect } from "@/lib/inboxes/email-health";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { newRequestScope, runInRequestScope } from "@/lib/request-scope";
import { openKeptBenchDatabase } from "./bench-database";
import { loadSeed, SIZES } from "./kept-seed";
import { percentile } from "./measure";

/**
 * `npx tsx scripts/benchmarks/inbox-explain.ts [--size 10k] [--rounds 30] [--plan]`: PostgreSQL's
 * own time for the list page's batched statement (the page of conversations, its tab counts, the
 * sidebar's counters, the Mentions count, the bell and the reconnect banner: lib/request-batch.ts),
 * as EXPLAIN (ANALYZE, BUFFERS, SUMMARY) reports it on bench:inbox's kept database: planning and
 * execution of a custom plan (the statement's parameters known). In process, no HTTP; the
 * administrator's page.
 */
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const size = option("size") ?? "10k";
  if (!SIZES[size]) throw new Error(`--size takes one of ${Object.keys(SIZES).join(", ")}`);
  const rounds = Math.min(200, Math.max(3, Number(option("rounds") ?? 30)));
  const database = await openKeptBenchDatabase(size);
  const handle = createDb(database.url, { max: 2 });
  try {
    const { seed } = await loadSeed(database.url, size, false, database.fresh, console.log);
    const actor = userActor(seed.adminUserId);
    // The loaders' reads, as the layout and the screen ask for them in one request; the batch's SQL is kept.
    let batch: SQL | undefined;
    const capturing = new Proxy(handle.db, {
      get(target, key, receiver) {
        if (key !== "execute") return Reflect.get(target, key, receiver) as unknown;
        return (query: SQL) => {
          batch = query;
          return target.execute(query);
        };
      },
    }) as Db;
    await runInRequestScope(newRequestScope(), () =>
      Promise.all([
        sidebarCounts(capturing, actor, seed.accountId),
        listNotifications(capturing, actor, seed.accountId, { perPage: 20 }),
        inboxesNeedingReconnect(capturing, actor, seed.accountId),
        listConversations(capturing, actor, seed.accountId, {}),
      ]),
    );
    if (!batch) throw new Error("no batched statement was sent");
    const { sql: text, params } = (handle.db as unknown as { dialect: { sqlToQuery: (q: SQL) => { sql: string; params: unknown[] } } }).dialect.sqlToQuery(batch);
    const connection = await handle.sql.reserve();
    try {
      const times = (plan: string) => ({
        planning: Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
        execution: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
      });
      const explain = async (statement: string, values: unknown[]) => {
        const rows = await connection.unsafe<{ "QUERY PLAN": string }[]>(`explain (analyze, buffers, summary) ${statement}`, values as never[]);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      };
      const series = { planning: [] as number[], execution: [] as number[] };
      let lastPlan = "";
      for (let i = 0; i < rounds; i++) {
        lastPlan = await explain(text, params);
        const t = times(lastPlan);
        series.planning.push(t.planning);
        series.execution.push(t.execution);
      }
      // The server's own path: postgres.js prepares each statement by name on its connection, and
      // PostgreSQL may switch a named statement to its generic plan (no planning) after five runs.
      const wall = async (prepare: boolean) => {
        const spent: number[] = [];
        for (let i = 0; i < rounds + 6; i++) {
          const t0 = performance.now();
          await connection.unsafe(text, params as never[], { prepare });
          if (i >= 6) spent.push(performance.now() - t0);
        }
        return spent;
      };
      const named = await wall(true);
      const unnamed = await wall(false);
      await connection.unsafe("set plan_cache_mode = force_generic_plan");
      const generic = await wall(true);
      await connection.unsafe("reset plan_cache_mode");
      if (process.argv.includes("--plan")) console.log(lastPlan);
      console.log(`the list page's batched statement, ${size}, ${rounds} rounds (p50 / p95 ms):`);
      const p = (v: number[]) => {
        const sorted = [...v].sort((x, y) => x - y);
        return `${percentile(sorted, 50).toFixed(2)} / ${percentile(sorted, 95).toFixed(2)}`;
      };
      console.log(`  planning ${p(series.planning)}   execution ${p(series.execution)}`);
      console.log(`  round trip from this process: named (prepared) ${p(named)}, unnamed ${p(unnamed)}, named with its generic plan forced ${p(generic)}`);
      console.log(`  ${text.length} characters of SQL, ${params.length} parameters`);
    } finally {
      connection.release();
    }
  } finally {
    await handle.sql.end({ timeout: 5 });
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
