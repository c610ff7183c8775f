import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findFreePort } from "@/db/embedded";
import { env, setEnvVar } from "@/lib/env";
import { bundleScript } from "../lib/bundle-script.mjs";

/**
 * The production server users get (`next build`, then scripts/server.ts as `npm start` runs it), on a free loopback port, pointed at
 * the benchmark database. It is built in a copy of the working tree under .data/bench-build (sources
 * copied, node_modules hard-linked), so the benchmark neither overwrites the checkout's own .next
 * (a running `npm start` keeps working) nor trips over a build someone else starts meanwhile.
 * The copy's build is reused while it is newer than every source file.
 */
const BUILD_DIR = path.join(process.cwd(), ".data", "bench-build");
const NEXT_BIN = path.join(BUILD_DIR, "node_modules", "next", "dist", "bin", "next");

/** Copies tracked and untracked-but-not-ignored files, keeping their mtimes, and links node_modules. */
function refreshBuildCopy(): { newest: number; list: string } {
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  for (const entry of fs.readdirSync(BUILD_DIR)) {
    if (entry !== ".next" && entry !== "node_modules") fs.rmSync(path.join(BUILD_DIR, entry), { recursive: true, force: true });
  }
  let listing: string;
  try {
    listing = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  } catch (error) {
    throw new Error(`the HTTP benchmark copies the git working tree (git ls-files failed: ${(error as Error).message}); use --in-process outside a checkout`);
  }
  const files = listing
    .split("\0")
    .filter((f) => f !== "" && fs.existsSync(f) && !fs.statSync(f).isDirectory());
  let newest = 0;
  // Benchmarks, tests and docs are not part of the app: editing them does not stale the build.
  const inBuild = (f: string) => !/^(scripts|tests|docs|\.ci)\//.test(f) && !f.endsWith(".md");
  for (const file of files) {
    fs.cpSync(file, path.join(BUILD_DIR, file), { preserveTimestamps: true });
    if (inBuild(file)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  // Hard links: a full node_modules in a couple of seconds, and a real directory for Turbopack.
  fs.rmSync(path.join(BUILD_DIR, "node_modules"), { recursive: true, force: true });
  execFileSync("cp", ["-al", path.join(process.cwd(), "node_modules"), path.join(BUILD_DIR, "node_modules")]);
  return { newest, list: files.filter(inBuild).join("\n") };
}

/** Builds unless the copy holds a build newer than every source. Returns what it did. */
export async function ensureProductionBuild(force: boolean): Promise<"reused" | "built"> {
  const sources = refreshBuildCopy();
  const buildId = path.join(BUILD_DIR, ".next", "BUILD_ID");
  // The file list the last build saw: a deleted or renamed file makes the build stale too.
  const listFile = path.join(BUILD_DIR, ".next", "bench-sources.txt");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sameFiles = fs.existsSync(listFile) && fs.readFileSync(listFile, "utf8") === sources.list;
  if (!force && sameFiles && built > sources.newest) return "reused";
  const startedAt = new Date();
  await run(process.execPath, [NEXT_BIN, "build"], 15 * 60_000);
  fs.writeFileSync(listFile, sources.list);
  // The build holds the sources as copied when it started: a file edited while it ran is newer.
  fs.utimesSync(buildId, startedAt, startedAt);
  return "built";
}

export const buildDirectory = () => BUILD_DIR;

function run(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Build output goes to stderr so stdout stays the benchmark's report.
    const child = spawn(command, args, { cwd: BUILD_DIR, stdio: ["ignore", process.stderr, process.stderr] });
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`next ${args.slice(1).join(" ")} failed (${signal ?? code})`));
    });
  });
}

export type NextServer = { baseUrl: string; pid: number; stop: () => Promise<void> };

export async function startNextServer(databaseUrl: string, options: { cpuProfileDir?: string } = {}): Promise<NextServer> {
  const port = await findFreePort();
  setEnvVar("DATABASE_URL", databaseUrl);
  // Auth.js refuses to run in production without a secret; the benchmark uses a throwaway one.
  if (!env().AUTH_SECRET) setEnvVar("AUTH_SECRET", `bench-${process.pid}-${Date.now()}`);
  // The web server `npm start` runs (scripts/server.ts: Next behind the help center's front).
  const serverBundle = await bundleScript(BUILD_DIR, "server");
  // A V8 CPU profile of the server (written when it stops; open it in Chrome DevTools).
  const profile = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(options.cpuProfileDir)] : [];
  const child = spawn(process.execPath, [...profile, serverBundle, "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: BUILD_DIR,
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
    throw new Error(`the web server did not come up: ${(error as Error).message}\n${stderr}`);
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
