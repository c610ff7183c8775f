import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/tests/support/db";
import { startWireRecorder, type WireRecorder } from "./pg-wire-recorder";
import { createBareClient, planReplay, prepareReplayer } from "./replay";

// The benchmark's "bare query" baseline is only honest if the recorder hears exactly what the app
// sent and the replay gets the same answers: checked here against a real PostgreSQL.
let database: { url: string; drop: () => Promise<void> };
let recorder: WireRecorder;
let client: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  recorder = await startWireRecorder({ host: target.hostname, port: Number(target.port) });
  const through = new URL(database.url);
  through.port = String(recorder.port);
  client = postgres(through.toString(), { max: 2, prepare: true, onnotice: () => {} });
  await client`create table items (id int primary key, name text, done boolean, data jsonb, at timestamptz)`;
  await client`insert into items select g, 'item ' || g, g % 2 = 0, jsonb_build_object('n', g), now() from generate_series(1, 30) g`;
  // Open both pool connections now: a new connection's type lookup would otherwise be recorded too.
  await Promise.all([client`select pg_sleep(0.05)`, client`select pg_sleep(0.05)`]);
});

afterAll(async () => {
  await client?.end();
  await recorder?.close();
  await database?.drop();
});

async function record(run: () => Promise<unknown>) {
  recorder.start();
  await run();
  await new Promise((r) => setTimeout(r, 20));
  return recorder.stop();
}

describe("pg wire recorder", () => {
  it("records statements with their parameters, command tags and overlap", async () => {
    const statements = await record(async () => {
      await client`select id from items where done = ${true} and data ->> 'n' = ${"4"} limit ${5}`;
      // Slow enough to overlap for sure: the app's Promise.all of the page and the tab counts.
      await Promise.all([
        client`select count(*), pg_sleep(0.05) from items where name like ${"item 1%"}`,
        client`select id, pg_sleep(0.01) from items where id > ${25}`,
      ]);
    });
    expect(statements.map((s) => [s.params, s.tag])).toEqual([
      [["t", "4", "5"], "SELECT 1"],
      expect.anything(),
      expect.anything(),
    ]);
    expect(statements.slice(1).map((s) => s.tag).sort()).toEqual(["SELECT 1", "SELECT 5"]);
    const plan = planReplay(statements);
    expect(plan.waves.map((w) => w.byConnection.length)).toEqual([1, 2]);
  });

  it("replays the same answers, and refuses a replay that answers differently", async () => {
    const plan = planReplay(await record(() => client`select id from items where done = ${false} and at < now() order by id limit ${10}`));
    const bare = createBareClient(database.url, 2);
    try {
      const replayer = await prepareReplayer(bare, plan);
      await replayer.run();
      replayer.release();
      const lane = plan.waves[0].byConnection[0];
      lane.statements[0] = { ...lane.statements[0], params: ["t", "0"] };
      await expect(prepareReplayer(bare, plan)).rejects.toThrow(/does not match/);
    } finally {
      await bare.end();
    }
  });
});
