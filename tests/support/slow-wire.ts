import net from "node:net";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db/client";
import { env, setEnvVar } from "@/lib/env";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";

/**
 * A proxy in front of the database of this file (call after useTestDatabase / useWireRecording)
 * that, while switched on, holds every answer of the server for `delayMs` — a slow network — so
 * statements that wait for each other are told apart from statements sent together, whatever the
 * machine's load. `slow(work)` runs `work` with the delay on.
 */
export function useSlowWire(delayMs: number): { slow: <T>(work: () => Promise<T>) => Promise<T>; delayMs: number } {
  let delaying = false;
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    const url = new URL(env().DATABASE_URL ?? "");
    const target = { host: url.hostname, port: Number(url.port) };
    server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      sockets.add(client).add(upstream);
      client.on("data", (chunk) => upstream.write(chunk));
      // Every chunk waits the same time, so the order on the connection is kept.
      upstream.on("data", (chunk) => (delaying ? setTimeout(() => client.write(chunk), delayMs) : client.write(chunk)));
      const closeBoth = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on("close", closeBoth).on("error", closeBoth);
      upstream.on("close", closeBoth).on("error", closeBoth);
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    await closeDb();
    url.hostname = "127.0.0.1";
    url.port = String(typeof address === "object" && address ? address.port : 0);
    setEnvVar("DATABASE_URL", url.toString());
  });
  afterAll(async () => {
    await closeDb();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return {
    delayMs,
    slow: async (work) => {
      delaying = true;
      try {
        return await work();
      } finally {
        delaying = false;
      }
    },
  };
}

/**
 * The longest chain of statements each sent only after the previous one's answer arrived (its
 * server answer plus the slow wire's delay), from a wire recording made behind useSlowWire:
 * the number of round trips the work waited for one after the other.
 */
export function longestChain(statements: RecordedStatement[], delayMs: number): RecordedStatement[] {
  const sorted = [...statements].sort((a, b) => a.startedAt - b.startedAt);
  // Sent together, statements start within a few ms; a follower starts a whole delay later.
  const slack = delayMs / 5;
  const chainTo = new Map<RecordedStatement, RecordedStatement[]>();
  let longest: RecordedStatement[] = [];
  for (const s of sorted) {
    let best: RecordedStatement[] = [];
    for (const p of sorted) {
      if (p === s) break;
      const before = chainTo.get(p) ?? [];
      if (s.startedAt >= p.finishedAt + delayMs - slack && before.length > best.length) best = before;
    }
    const chain = [...best, s];
    chainTo.set(s, chain);
    if (chain.length > longest.length) longest = chain;
  }
  return longest;
}
