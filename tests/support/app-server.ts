import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDb, createDb, type Db } from "@/db/client";
import { env, setEnvVar } from "@/lib/env";
import { findFreePort } from "@/db/embedded";
import { createAccountWithAdmin, createUserInAccount } from "@/lib/accounts/provision";
import { startRealtimeServer, type RealtimeServer } from "@/lib/realtime/server";
import { alarmingBuildLines, isBuildFresh, nextBin, prepareBuildCache } from "@/scripts/lib/next-build";
import { createTestDatabase } from "./db";

/**
 * End-to-end helpers: the PRODUCTION build (`next build` once, `next start` per test file) on a
 * free port against a fresh database cloned from the migrated template.
 *
 *   const app = useAppServer();                 // at the top of a test file (beforeAll/afterAll)
 *   const admin = await app().seedAccount();    // { accountId, userId, email, password, ... }
 *   await page.goto(`${app().url}/sign-in`);
 *
 * The build is redone when any source file is newer than .next/BUILD_ID; a lock directory keeps
 * parallel test files from building at the same time.
 */
const ROOT = path.resolve(__dirname, "../..");
const LOCK = path.join(ROOT, ".data", "next-build.lock");
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

/** Runs `next build` when there is no build or it is older than the sources. */
export async function ensureProductionBuild(): Promise<void> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (!isBuildFresh(ROOT)) {
    fs.mkdirSync(path.dirname(LOCK), { recursive: true });
    let isOwner = false;
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, "pid"), String(process.pid));
      isOwner = true;
    } catch {
      // Another test file is building, unless the lock's owner is gone (a run that was killed).
      if (!isLockOwnerAlive()) fs.rmSync(LOCK, { recursive: true, force: true });
    }
    if (isOwner) {
      try {
        if (isBuildFresh(ROOT)) return;
        prepareBuildCache(ROOT);
        const result = spawnSync(nextBin(ROOT), ["build"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
        if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
        // A clean build prints nothing a newcomer would read as failure; the build is kept, the run fails.
        const alarming = alarmingBuildLines(`${result.stdout}\n${result.stderr}`);
        if (alarming.length > 0) throw new Error(`next build printed warnings (${alarming.length} lines), e.g.:\n${alarming.slice(0, 10).join("\n")}`);
        return;
      } finally {
        fs.rmSync(LOCK, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error("Timed out waiting for another test file's `next build`");
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export type SeededAdmin = { accountId: number; userId: number; email: string; password: string; apiAccessToken: string };

export type AppServer = {
  url: string;
  databaseUrl: string;
  /** A handle on the same database the server uses, for seeding and assertions. */
  db: Db;
  /** An account with an administrator who can sign in (unique email per call). */
  seedAccount: (options?: { accountName?: string; name?: string }) => Promise<SeededAdmin>;
  /** Another user in an account (agent by default). */
  seedUser: (accountId: number, options?: { role?: "agent" | "administrator"; name?: string }) => Promise<SeededAdmin>;
  /** The embedded Pusher-protocol server the app publishes to (only with `{ realtime: true }`). */
  realtime?: { server: RealtimeServer; appId: string; key: string; secret: string };
  stop: () => Promise<void>;
};

export type AppServerOptions = {
  /** Start the embedded realtime server (as `npm start` does) and point the app's PUSHER_* at it. */
  realtime?: boolean;
  /** More environment for the app (e.g. INGRESS_PASSWORD, INBOUND_EMAIL_DOMAIN). */
  env?: Record<string, string>;
};

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

/** Builds if needed, then starts the production server on a free port with a fresh database. */
export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  await ensureProductionBuild();
  const realtime = options.realtime
    ? { appId: "e2e", key: randomBytes(8).toString("hex"), secret: randomBytes(16).toString("hex"), server: undefined as RealtimeServer | undefined }
    : undefined;
  if (realtime) realtime.server = await startRealtimeServer({ appId: realtime.appId, key: realtime.key, secret: realtime.secret, port: 0, host: "127.0.0.1" });
  const pusherEnv: Record<string, string> = realtime?.server
    ? {
        PUSHER_APP_ID: realtime.appId,
        PUSHER_KEY: realtime.key,
        PUSHER_SECRET: realtime.secret,
        PUSHER_HOST: "127.0.0.1",
        PUSHER_PORT: String(realtime.server.port),
        PUSHER_USE_TLS: "false",
      }
    : {};
  const database = await createTestDatabase();
  // Seeds call domain functions in this process: their after-commit effects (events for rules,
  // webhooks and bots) reach the same database the server reads.
  setEnvVar("DATABASE_URL", database.url);
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(nextBin(ROOT), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      APP_URL: url,
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
      // The test mail servers and fakes listen on loopback (see allow-private-network.ts).
      OUTBOUND_ALLOW_PRIVATE: "true",
      ...pusherEnv,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const handle = createDb(database.url, { max: 3 });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await handle.sql.end({ timeout: 5 });
    if (env().DATABASE_URL === database.url) await closeDb();
    await database.drop();
    await realtime?.server?.close();
  };
  try {
    await waitForHttp(`${url}/sign-in`, child, 60_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  let seq = 0;
  const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString("hex")}`;
  return {
    url,
    databaseUrl: database.url,
    db: handle.db,
    realtime: realtime?.server ? { server: realtime.server, appId: realtime.appId, key: realtime.key, secret: realtime.secret } : undefined,
    seedAccount: async (options = {}) => {
      const email = `admin-${unique()}@e2e.test`;
      const password = `pw-${randomBytes(8).toString("hex")}`;
      const created = await createAccountWithAdmin(handle.db, { accountName: options.accountName ?? "E2E Company", email, name: options.name ?? "Alice Admin", password });
      return { accountId: created.accountId, userId: created.userId, email, password, apiAccessToken: created.apiAccessToken ?? "" };
    },
    seedUser: async (accountId, options = {}) => {
      const email = `user-${unique()}@e2e.test`;
      const password = `pw-${randomBytes(8).toString("hex")}`;
      const role = options.role ?? "agent";
      const created = await createUserInAccount(handle.db, { accountId, email, name: options.name ?? "Bob Agent", role, password });
      return { accountId, userId: created.userId, email, password, apiAccessToken: created.apiAccessToken ?? "" };
    },
    stop,
  };
}
