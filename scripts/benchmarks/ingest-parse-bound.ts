import "../lib/load-env-files"; // .env first, as every script
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import { parseEmail } from "@/lib/email/parse/parse-email";
import { generateMail } from "./ingest-mail";

/**
 * The bound no import can beat on this machine: `parseEmail` alone (mailparser, sanitizing,
 * charset fallback) over the bench:ingest mix, on every core at once, with no database and no
 * IMAP. Each core gets a process that generates the same mail (fixed seed), parses its share
 * (every n-th message) once to warm up, then again when told to start; the time is the wall clock
 * from the start to the last one done. bench:ingest runs it after the import and reports it next to
 * the bare fetch. Also runnable alone: `tsx scripts/benchmarks/ingest-parse-bound.ts [N]`.
 */
export type ParseBound = { processes: number; messages: number; ms: number; msPerMessage: number; msgsPerSecond: number };

type FromChild = { ready: true } | { done: true; parsed: number };

export async function measureParseBound(messages: number, processes = os.availableParallelism()): Promise<ParseBound> {
  const children: ChildProcess[] = [];
  try {
    const ready: Promise<void>[] = [];
    const done: Promise<number>[] = [];
    for (let k = 0; k < processes; k++) {
      const child = fork(__filename, ["--child", String(messages), String(k), String(processes)], { execArgv: process.execArgv, stdio: "inherit" });
      children.push(child);
      ready.push(new Promise((resolve, reject) => {
        child.once("error", reject);
        child.on("message", (m: FromChild) => "ready" in m && resolve());
      }));
      done.push(new Promise((resolve, reject) => {
        child.on("message", (m: FromChild) => "done" in m && resolve(m.parsed));
        child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`parse process ${k} exited with ${code}`))));
      }));
    }
    await Promise.all(ready);
    const started = performance.now();
    for (const child of children) child.send({ go: true });
    const parsed = (await Promise.all(done)).reduce((a, b) => a + b, 0);
    const ms = performance.now() - started;
    return { processes, messages: parsed, ms, msPerMessage: ms / parsed, msgsPerSecond: parsed / (ms / 1000) };
  } finally {
    for (const child of children) if (child.connected) child.disconnect();
  }
}

async function child(messages: number, k: number, n: number): Promise<void> {
  const share = generateMail(messages).raws.filter((_, i) => i % n === k);
  const parseAll = async () => {
    // Mail that fails to parse costs its time too (the import would quarantine it).
    for (const raw of share) await parseEmail(raw).catch(() => undefined);
  };
  await parseAll();
  process.send?.({ ready: true });
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  await parseAll();
  process.send?.({ done: true, parsed: share.length });
}

if (process.argv[2] === "--child") {
  const [messages, k, n] = process.argv.slice(3).map(Number);
  child(messages, k, n).then(
    () => process.disconnect?.(),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  measureParseBound(Number(process.argv[2] ?? 10_000)).then(
    (bound) => console.log(JSON.stringify(bound)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
