import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db/client";
import { env, setEnvVar } from "@/lib/env";
import { startWireRecorder, type RecordedStatement, type WireRecorder } from "@/scripts/benchmarks/pg-wire-recorder";

/**
 * Puts a wire recorder between the app's database pool and the test PostgreSQL for this file
 * (call after useTestDatabase), and returns `record(work)`: the statements `work` sent, counted on
 * the wire. `appOnly` leaves out postgres.js's own type lookup, sent once per new connection.
 */
export function useWireRecording(): (work: () => Promise<unknown>, options?: { appOnly?: boolean }) => Promise<RecordedStatement[]> {
  let recorder: WireRecorder;
  beforeAll(async () => {
    const url = new URL(env().DATABASE_URL ?? "");
    recorder = await startWireRecorder({ host: url.hostname, port: Number(url.port) });
    await closeDb();
    url.hostname = "127.0.0.1";
    url.port = String(recorder.port);
    setEnvVar("DATABASE_URL", url.toString());
  });
  afterAll(() => recorder.close());
  return async (work, options) => {
    recorder.start();
    await work();
    const statements = recorder.stop();
    return options?.appOnly ? statements.filter((s) => !/pg_catalog\.pg_type/.test(s.text)) : statements;
  };
}
