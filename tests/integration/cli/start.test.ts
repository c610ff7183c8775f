import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "@/db/embedded";
import { BUILD_TIMEOUT_MS, ensureProductionBuild } from "@/tests/support/app-server";
import { runScript } from "@/tests/support/run-script";

/**
 * `npm start` as a new user runs it: embedded PostgreSQL, first-run administrator printed once,
 * sign-in with those credentials, a restart that keeps everything. And with DATABASE_URL set,
 * migrations are the operator's step.
 */
const ROOT = path.resolve(__dirname, "../../..");

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function start(env: Record<string, string>): Started {
  let output = "";
  // As package.json's "start" runs it: scripts/start.mjs compiles start.ts and runs it in this
  // process, so signals reach the script itself.
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs")], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(started: Started, text: string, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.output().includes(text)) return started.output();
    if (started.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`"${text}" never appeared; output:\n${started.output()}`);
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill("SIGTERM");
  return started.exited;
}

/** Signs in through Auth.js's credentials endpoint as a browser form would; returns the session. */
async function signInOverHttp(baseUrl: string, email: string, password: string) {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookies = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/app" }),
  });
  cookies.push(...response.headers.getSetCookie().map((c) => c.split(";")[0]));
  const session = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: cookies.join("; ") } });
  return (await session.json()) as { user?: { email: string; name: string } } | null;
}

/**
 * A Postdesk may already run on this machine: hold its default ports (PORT 3000, REALTIME_PORT
 * 6001) while these tests run, so a test that forgot to pick free ports fails here too.
 */
const heldPorts: net.Server[] = [];
async function holdPort(port: number): Promise<void> {
  const server = net.createServer();
  await new Promise<void>((resolve) => {
    server.once("error", () => resolve()); // already taken by something else: just as good
    server.listen(port, () => {
      heldPorts.push(server);
      resolve();
    });
  });
}

/** Free ports for everything `npm start` listens on (web server and embedded realtime server). */
async function freePorts() {
  const port = await findFreePort();
  let realtimePort = await findFreePort();
  while (realtimePort === port) realtimePort = await findFreePort();
  return { port, env: { PORT: String(port), REALTIME_PORT: String(realtimePort) } };
}

beforeAll(async () => {
  await holdPort(3000);
  await holdPort(6001);
  await ensureProductionBuild();
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all(heldPorts.map((s) => new Promise((r) => s.close(r))));
});

describe("npm start with the embedded database", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "postdesk-start-"));
  fs.chmodSync(dataDir, 0o755);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("prints the first administrator once, and the same credentials work after a restart", async () => {
    const { port, env: ports } = await freePorts();
    const env = { DATABASE_URL: "", DATA_DIR: dataDir, APP_URL: "", AUTH_SECRET: "", ...ports };

    const first = start(env);
    const output = await waitForOutput(first, "Postdesk is running");
    await waitForOutput(first, "Password:");
    expect(output).toContain(`Sign in at http://localhost:${port}/sign-in`);
    expect(output).toContain("Email:    admin@postdesk.local");
    const password = /Password: (\S+)/.exec(first.output())?.[1] ?? "";
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await signInOverHttp(`http://127.0.0.1:${port}`, "admin@postdesk.local", password))?.user).toMatchObject({
      email: "admin@postdesk.local",
      name: "Administrator",
    });
    expect(await signInOverHttp(`http://127.0.0.1:${port}`, "admin@postdesk.local", "wrong password")).toBeNull();
    expect(await stop(first)).toBe(0);
    // PostgreSQL stopped with it.
    expect(fs.existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);

    const second = start(env);
    await waitForOutput(second, "Postdesk is running");
    expect(second.output()).not.toContain("First run");
    expect(second.output()).not.toContain(password);
    expect((await signInOverHttp(`http://127.0.0.1:${port}`, "admin@postdesk.local", password))?.user?.email).toBe("admin@postdesk.local");
    expect(await stop(second)).toBe(0);
  }, 240_000);
});

describe("npm start and db:migrate with DATABASE_URL", () => {
  const name = `t_empty_${process.pid}_${Date.now()}`;
  const adminUrl = () => inject("pgAdminUrl");
  const databaseUrl = () => {
    const u = new URL(adminUrl());
    u.pathname = `/${name}`;
    return u.toString();
  };
  beforeAll(async () => {
    const sql = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await sql.unsafe(`create database ${name}`);
    await sql.end();
  });
  afterAll(async () => {
    const sql = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.end();
  });

  it("start refuses an unmigrated database and says how to migrate; db:migrate applies them once", async () => {
    const { env: ports } = await freePorts();
    const refused = start({ DATABASE_URL: databaseUrl(), ...ports, AUTH_SECRET: "test-secret-test-secret-test-secret" });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain("Run `npm run db:migrate`");

    const migrated = await runScript("migrate.ts", [], { DATABASE_URL: databaseUrl() });
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/Applied \d+ migrations?\./);
    const again = await runScript("migrate.ts", [], { DATABASE_URL: databaseUrl() });
    expect(again.stdout).toContain("Database is up to date.");

    const started = start({ DATABASE_URL: databaseUrl(), ...ports, AUTH_SECRET: "test-secret-test-secret-test-secret" });
    await waitForOutput(started, "Postdesk is running");
    expect(started.output()).toContain("No users yet. Create the first account with: npm run cli -- account:create");
    expect(await stop(started)).toBe(0);
  }, 180_000);
});
