import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findFreePort } from "@/db/embedded";
import { env, setEnvVar } from "@/lib/env";

/**
 * The production server users get (`next build` + `next start`), on a free loopback port, pointed at
 * the benchmark database. The build is reused when it is newer than every source file.
 */
const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "lib", "db", "components", "inngest", "proxy.ts", "auth.ts", "auth.config.ts", "next.config.ts", "package-lock.json"];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Builds unless .next holds a build newer than the sources. Returns what it did. */
export async function ensureProductionBuild(force: boolean): Promise<"reused" | "built"> {
  const buildId = path.join(process.cwd(), ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(process.cwd(), s))));
  if (!force && built > sources) return "reused";
  await run(process.execPath, [NEXT_BIN, "build"], 15 * 60_000);
  return "built";
}

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Build output goes to stderr so stdout stays the benchmark's report.
    const child = spawn(command, args, { stdio: ["ignore", process.stderr, process.stderr] });
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(args[1] ?? command)} ${args.slice(1).join(" ")} failed (${signal ?? code})`));
    });
  });
}

export type NextServer = { baseUrl: string; pid: number; stop: () => Promise<void> };

export async function startNextServer(databaseUrl: string): Promise<NextServer> {
  const port = await findFreePort();
  setEnvVar("DATABASE_URL", databaseUrl);
  // Auth.js refuses to run in production without a secret; the benchmark uses a throwaway one.
  if (!env().AUTH_SECRET) setEnvVar("AUTH_SECRET", `bench-${process.pid}-${Date.now()}`);
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  try {
    await waitUntilServing(baseUrl, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`next start did not come up: ${(error as Error).message}\n${stderr}`);
  }
  return { baseUrl, pid: child.pid ?? 0, stop };
}

async function waitUntilServing(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    try {
      await (await fetch(`${baseUrl}/api/v1/profile`)).arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`no answer within ${timeoutMs / 1000} s`);
}

/** Stops the server this script started, by its pid: SIGTERM, then SIGKILL after 5 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
