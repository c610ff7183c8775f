import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The production build: where `next` lives, whether .next is current, and running it.
 * "Current" means .next/BUILD_ID is newer than every source file, so `npm start` after a
 * `git pull` rebuilds instead of serving the old code (the test helpers use the same check).
 */
const ROOT = process.cwd();
const SOURCES = ["app", "components", "lib", "db", "inngest", "auth.ts", "auth.config.ts", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];

export const nextBin = (root = ROOT) => path.join(root, "node_modules", ".bin", "next");
const buildIdPath = (root: string) => path.join(root, ".next", "BUILD_ID");

export const hasProductionBuild = (root = ROOT) => fs.existsSync(buildIdPath(root));

/** The newest modification time of the sources the build is made from (tests excluded). */
export function newestSourceMtime(root = ROOT): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (!name.startsWith(".") && name !== "node_modules") visit(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const s of SOURCES) visit(path.join(root, s));
  return newest;
}

/** True when a build exists and no source file changed after it. */
export function isBuildFresh(root = ROOT): boolean {
  const stat = fs.statSync(buildIdPath(root), { throwIfNoEntry: false });
  return Boolean(stat && stat.mtimeMs >= newestSourceMtime(root));
}

/**
 * Lines of `next build` output a newcomer would read as failure even when the build succeeded
 * (Turbopack's "Node.js module … not supported in the Edge Runtime … Ecmascript file had an
 * error", any "⚠" warning). The test helpers refuse a build that prints them.
 */
export function alarmingBuildLines(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  return plain.split(/\r?\n/).filter((line) => /Edge Runtime|had an error|build encountered \d+ warnings?|^\s*⚠|\bwarning\b/i.test(line));
}

/**
 * Next prints "No build cache found" under CI=true when `.next/cache` is missing (a fresh clone):
 * advice for hosted CI caches, not a fault. An empty cache directory is a valid (cold) cache.
 */
export function prepareBuildCache(root = ROOT): void {
  fs.mkdirSync(path.join(root, ".next", "cache"), { recursive: true });
}

/** Runs `next build` in the foreground with its output shown; returns false when it fails. */
export function buildNextApp(root = ROOT): boolean {
  prepareBuildCache(root);
  const result = spawnSync(nextBin(root), ["build"], { cwd: root, stdio: "inherit" });
  return result.status === 0;
}

/** The web server's bundle, made by scripts/start.mjs (scripts/lib/bundle-script.mjs) from scripts/server.ts. */
export const serverBundle = (root = ROOT) => path.join(root, "node_modules", ".cache", "postdesk", "server.mjs");

/**
 * The web server as a child process with this process's environment: scripts/server.ts (Next's
 * handler behind the help center's front, in place of `next start`), or `next dev`.
 */
export function startNextServer(port: number, options: { dev?: boolean; root?: string } = {}) {
  const root = options.root ?? ROOT;
  if (options.dev) return spawn(nextBin(root), ["dev", "-p", String(port)], { cwd: root, stdio: "inherit" });
  return spawn(process.execPath, [serverBundle(root), "--port", String(port)], { cwd: root, stdio: "inherit" });
}
