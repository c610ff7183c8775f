import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Where the embedded PostgreSQL's binaries and data directory live, and as whom it runs.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user (created when
 * missing). That user must be able to enter every directory on the way to the binaries (inside
 * node_modules) and to the data directory. A clone under a directory closed to other users
 * (mode 0700, like /root) is not reachable, so then:
 * - the binaries are copied once per PostgreSQL version to /var/lib/postdesk/postgres-<version>-…;
 * - a persistent data directory goes to /var/lib/postdesk/<random id>/pg (not /tmp: it must survive
 *   a reboot), and `<data dir>.location` (e.g. .data/pg.location) records where, so the clone keeps
 *   finding it; deleting .data starts a new database like it always did (the old one stays in
 *   /var/lib/postdesk until deleted);
 * - a throwaway one (tests, benchmarks) goes to a new directory under the OS temp directory.
 * Nothing is created where the postgres user cannot reach it, so no half-initialised directory
 * owned by another user is left behind. When none of this works, EmbeddedSetupError says why.
 */
export const SYSTEM_DIR = "/var/lib/postdesk";
const SERVER_USER = "postgres";

/** A reason the embedded server cannot start, in one sentence for the operator. */
export class EmbeddedSetupError extends Error {}

export type RunAs = { uid: number; gid: number };

export type ServerLocation = { binDir: string; dataDir: string; runAs?: RunAs; removeOnStop?: string };

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function idOf(flag: "-u" | "-g"): number | undefined {
  const result = spawnSync("id", [flag, SERVER_USER], { encoding: "utf8" });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

function serverUser(): RunAs {
  if (idOf("-u") === undefined) {
    spawnSync("groupadd", ["--system", SERVER_USER], { stdio: "ignore" });
    spawnSync("useradd", ["--system", "--gid", SERVER_USER, "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER], { stdio: "ignore" });
  }
  const uid = idOf("-u");
  const gid = idOf("-g");
  if (uid === undefined || gid === undefined) {
    throw new EmbeddedSetupError(
      "PostgreSQL does not run as root and no `postgres` OS user exists (creating it failed): create one with `useradd --system postgres`, start Postdesk as a regular user, or set DATABASE_URL.",
    );
  }
  return { uid, gid };
}

/** True when `user` can enter `dir`, i.e. has search permission on it and on every parent. */
function canEnter(dir: string, user: RunAs): boolean {
  return spawnSync("/bin/sh", ["-c", 'cd -- "$1"', "sh", dir], { ...user, stdio: "ignore" }).status === 0;
}

/** The first directory on the way to `dir` that `user` cannot enter, for the error message. */
function blockingDir(dir: string, user: RunAs): string {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const candidate = path.sep + parts.slice(0, i).join(path.sep);
    if (!canEnter(candidate, user)) return candidate;
  }
  return dir;
}

function unreachable(what: string, dir: string, user: RunAs, why: string): EmbeddedSetupError {
  return new EmbeddedSetupError(
    `As root, PostgreSQL runs as the \`postgres\` OS user, which cannot enter ${blockingDir(dir, user)} to reach ${what}, and ${why}: put the clone in a directory other users can enter (e.g. /srv or /opt), start Postdesk as a regular user, or set DATABASE_URL.`,
  );
}

function makeSystemDir(): void {
  fs.mkdirSync(SYSTEM_DIR, { recursive: true, mode: 0o755 });
  fs.chmodSync(SYSTEM_DIR, 0o755);
}

/** The package's native directory (bin/, lib/, share/), copied once to where the user can read it. */
function reachableBinaries(binDir: string, user: RunAs): string {
  if (canEnter(binDir, user)) return binDir;
  const nativeDir = path.dirname(binDir);
  const pkg = JSON.parse(fs.readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { name: string; version: string };
  const target = path.join(SYSTEM_DIR, `postgres-${pkg.version}-${path.basename(pkg.name)}`);
  try {
    if (!fs.existsSync(path.join(target, "bin", "postgres"))) {
      makeSystemDir();
      const partial = `${target}.partial-${process.pid}-${randomBytes(3).toString("hex")}`;
      // Its symlinks (libpq.so → libpq.so.5.18 …) are relative: copy them as they are.
      fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
      try {
        fs.renameSync(partial, target);
      } catch {
        fs.rmSync(partial, { recursive: true, force: true }); // another process copied it first
      }
    }
  } catch (error) {
    throw unreachable("the PostgreSQL binaries", binDir, user, `copying them to ${SYSTEM_DIR} failed (${(error as Error).message})`);
  }
  const copied = path.join(target, "bin");
  if (!canEnter(copied, user)) throw unreachable("the PostgreSQL binaries", binDir, user, `neither can it enter ${copied}`);
  return copied;
}

/** A persistent data directory under SYSTEM_DIR, remembered in `<dataDir>.location`. */
function relocatedDataDir(dataDir: string, user: RunAs): string {
  const pointer = `${dataDir}.location`;
  const recorded = fs.existsSync(pointer) ? fs.readFileSync(pointer, "utf8").trim() : "";
  if (recorded) {
    fs.mkdirSync(path.dirname(recorded), { recursive: true, mode: 0o755 });
    return recorded;
  }
  try {
    makeSystemDir();
    const home = fs.mkdtempSync(path.join(SYSTEM_DIR, "data-"));
    fs.chmodSync(home, 0o755);
    fs.writeFileSync(path.join(home, "source"), `Embedded PostgreSQL data of the Postdesk in ${path.dirname(dataDir)}\n`);
    const relocated = path.join(home, "pg");
    fs.writeFileSync(pointer, `${relocated}\n`);
    return relocated;
  } catch (error) {
    throw unreachable("the data directory", dataDir, user, `creating one in ${SYSTEM_DIR} failed (${(error as Error).message})`);
  }
}

/**
 * Decides where the server runs from, before anything is created for it. `dataDir` is the
 * directory asked for (DATA_DIR/pg, or a test's throwaway one); the answer may be elsewhere.
 */
export function locateServer(options: { binDir: string; dataDir: string; persistent: boolean }): ServerLocation {
  const dataDir = path.resolve(options.dataDir);
  const parent = path.dirname(dataDir);
  fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
  if (!isRoot()) return { binDir: options.binDir, dataDir };

  const runAs = serverUser();
  const binDir = reachableBinaries(options.binDir, runAs);
  // Once relocated, always there (even if the clone later moves somewhere reachable).
  if (options.persistent && fs.existsSync(`${dataDir}.location`)) return { binDir, dataDir: relocatedDataDir(dataDir, runAs), runAs };
  if (canEnter(parent, runAs)) return { binDir, dataDir, runAs };

  if (fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    throw new EmbeddedSetupError(
      `The database in ${dataDir} can no longer be reached by the \`postgres\` OS user (it cannot enter ${blockingDir(parent, runAs)}): give other users search permission on that directory (chmod o+x), move the clone back, or set DATABASE_URL.`,
    );
  }
  // Left by an earlier failed start (owned by postgres, never initialised): nothing to keep.
  fs.rmSync(dataDir, { recursive: true, force: true });

  if (options.persistent) {
    return { binDir, dataDir: relocatedDataDir(dataDir, runAs), runAs };
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "postdesk-pg-"));
  fs.chmodSync(scratch, 0o755);
  if (!canEnter(scratch, runAs)) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw unreachable("a temporary data directory", scratch, runAs, "neither can it enter the OS temp directory");
  }
  return { binDir, dataDir: path.join(scratch, "pg"), runAs, removeOnStop: scratch };
}
