import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { alarmingBuildLines, isBuildFresh, newestSourceMtime, nextBin, prepareBuildCache } from "../../scripts/lib/next-build";

/**
 * The production build the e2e tests (and the few integration tests that start the app) run
 * against. Made once: by .ci/run before vitest starts (`npx tsx tests/support/production-build.ts`,
 * while tsc and eslint run), else by the first test file that needs it; a lock directory keeps
 * parallel test files from building at the same time.
 *
 * What a build said is kept in .data until the sources change, so the verdict reaches the tests
 * whoever built:
 * - a failed build: every file that needs it fails at once with the output (no rebuild per file);
 * - a build that printed warnings (see alarmingBuildLines): kept and used, and exactly one test
 *   file fails with the warnings, as when that file had built it itself.
 * Relative imports only: the CLI runs under plain tsx.
 */
const ROOT = path.resolve(__dirname, "../..");
const DATA = path.join(ROOT, ".data");
const LOCK = path.join(DATA, "next-build.lock");
const FAILED = path.join(DATA, "next-build.failed");
const WARNINGS = path.join(DATA, "next-build.warnings");
export const BUILD_TIMEOUT_MS = 15 * 60_000;

function isLockOwnerAlive(): boolean {
  let pid = NaN;
  try {
    pid = Number(fs.readFileSync(path.join(LOCK, "pid"), "utf8").trim());
  } catch {
    // not written yet
  }
  if (!Number.isInteger(pid) || pid <= 0) {
    // Just created and the pid not written yet, or left half-made: trust it for a minute.
    const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    return age < 60_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The failed build's output, when nothing changed since it failed. */
function knownFailure(): string | undefined {
  const stat = fs.statSync(FAILED, { throwIfNoEntry: false });
  if (!stat || stat.mtimeMs < newestSourceMtime(ROOT)) return undefined;
  return fs.readFileSync(FAILED, "utf8");
}

function build(): void {
  fs.rmSync(FAILED, { force: true });
  fs.rmSync(WARNINGS, { force: true });
  prepareBuildCache(ROOT);
  const result = spawnSync(nextBin(ROOT), ["build"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) {
    fs.writeFileSync(FAILED, `next build failed:\n${result.stdout}\n${result.stderr}`);
    return;
  }
  // A clean build prints nothing a newcomer would read as failure; the build is kept, a test fails.
  const alarming = alarmingBuildLines(`${result.stdout}\n${result.stderr}`);
  if (alarming.length > 0) fs.writeFileSync(WARNINGS, `next build printed warnings (${alarming.length} lines), e.g.:\n${alarming.slice(0, 10).join("\n")}`);
}

/** Hands a build's warnings to one caller only (a rename is atomic across processes). */
function claimWarnings(): string | undefined {
  const claimed = `${WARNINGS}.${process.pid}`;
  try {
    fs.renameSync(WARNINGS, claimed);
  } catch {
    return undefined;
  }
  const text = fs.readFileSync(claimed, "utf8");
  fs.rmSync(claimed, { force: true });
  return text;
}

/** Builds when there is no build or it is older than the sources, or waits for whoever is building. */
async function buildIfStale(): Promise<void> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (!isBuildFresh(ROOT)) {
    const failure = knownFailure();
    if (failure) throw new Error(failure);
    fs.mkdirSync(DATA, { recursive: true });
    let isOwner = false;
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, "pid"), String(process.pid));
      isOwner = true;
    } catch {
      // Another process is building, unless the lock's owner is gone (a run that was killed).
      if (!isLockOwnerAlive()) fs.rmSync(LOCK, { recursive: true, force: true });
    }
    if (isOwner) {
      try {
        if (!isBuildFresh(ROOT)) build();
      } finally {
        fs.rmSync(LOCK, { recursive: true, force: true });
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error("Timed out waiting for another process's `next build`");
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A current production build, or an error saying why not (see above for warnings). */
export async function ensureProductionBuild(): Promise<void> {
  await buildIfStale();
  const warnings = claimWarnings();
  if (warnings) throw new Error(warnings);
}

/** `npx tsx tests/support/production-build.ts`: builds if needed; warnings are left for the tests to report. */
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const started = Date.now();
  if (isBuildFresh(ROOT)) console.log("The production build is current.");
  buildIfStale().then(
    () => {
      console.log(`Production build ready in ${Math.round((Date.now() - started) / 1000)} s.`);
      if (fs.existsSync(WARNINGS)) console.log(`${fs.readFileSync(WARNINGS, "utf8")}\n(one e2e test file will fail with these)`);
    },
    (error: Error) => {
      console.log(error.message);
      process.exitCode = 1;
    },
  );
}
