import "../lib/load-env-files"; // .env first, as every script: BENCH_DATABASE_URL may live there
import { openKeptBenchDatabase } from "./bench-database";
import { signIn } from "./inbox-sign-in";
import { loadSeed, SIZES } from "./kept-seed";
import { ensureProductionBuild, startNextServer, type NextServer } from "./next-server";
import { startWireRecorder } from "./pg-wire-recorder";

/**
 * `npx tsx scripts/benchmarks/inbox-statements.ts [--size 10k]`: the statements the production
 * server sends to PostgreSQL for one warm signed-in list page and one conversation page, counted
 * on the wire (a recording proxy between the server and bench:inbox's kept database). Not timed:
 * it shows what `bench:inbox`'s CPU per page is made of, as the Next server really renders it
 * (layout and page together, as Next schedules them), where the integration tests call the loaders.
 */
const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const size = option("size") ?? "10k";
  if (!SIZES[size]) throw new Error(`--size takes one of ${Object.keys(SIZES).join(", ")}`);
  await ensureProductionBuild(false);
  const database = await openKeptBenchDatabase(size);
  let server: NextServer | undefined;
  const target = new URL(database.url);
  const recorder = await startWireRecorder({ host: target.hostname, port: Number(target.port) });
  try {
    const { seed } = await loadSeed(database.url, size, false, database.fresh, console.log);
    const viaRecorder = new URL(database.url);
    viaRecorder.hostname = "127.0.0.1";
    viaRecorder.port = String(recorder.port);
    server = await startNextServer(viaRecorder.toString());
    const cookie = await signIn(server, "bench-1@example.test");
    const screens = `/app/accounts/${seed.accountId}/conversations`;
    for (const [name, path] of [
      ["list page", screens],
      ["conversation page", `${screens}/${seed.busyOpenDisplayId}`],
    ] as const) {
      const get = async () => {
        const res = await fetch(server!.baseUrl + path, { headers: { cookie, accept: "text/html" } });
        if (res.status !== 200 || !(await res.text()).includes("</html>")) throw new Error(`GET ${path} answered ${res.status}`);
      };
      for (let i = 0; i < 3; i++) await get(); // warm: the kept account lists, the pool's connections
      recorder.start();
      await get();
      const statements = recorder.stop().filter((s) => !/pg_catalog\.pg_type/.test(s.text));
      console.log(`\n${name}: ${statements.length} statements`);
      const t0 = statements[0]?.startedAt ?? 0;
      for (const s of statements) {
        const text = s.text.replace(/\s+/g, " ").trim();
        console.log(`  +${(s.startedAt - t0).toFixed(1).padStart(6)} ms  ${(s.finishedAt - s.startedAt).toFixed(1).padStart(5)} ms  ${text.slice(0, 110)}`);
      }
    }
  } finally {
    await server?.stop().catch(() => {});
    await recorder.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
