import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { closeDb, createDb, type Db } from "@/db/client";
import { env, setEnvVar } from "@/lib/env";
import { findFreePort } from "@/db/embedded";
import { createAccountWithAdmin, createUserInAccount } from "@/lib/accounts/provision";
import { startRealtimeServer, type RealtimeServer } from "@/lib/realtime/server";
import { nextBin } from "@/scripts/lib/next-build";
import { createTestDatabase } from "./db";
import { BUILD_TIMEOUT_MS, ensureProductionBuild } from "./production-build";
import { sessionCookieFor, type SessionCookie } from "./session-cookie";

/**
 * End-to-end helpers: the PRODUCTION build (`next build` once, `next start` per test file) on a
 * free port against a fresh database cloned from the migrated template.
 *
 *   const app = useAppServer();                 // at the top of a test file (beforeAll/afterAll)
 *   const admin = await app().seedAccount();    // { accountId, userId, email, password, ... }
 *   await page.goto(`${app().url}/sign-in`);
 *
 * The build (tests/support/production-build.ts) is redone when any source file is newer than
 * .next/BUILD_ID; .ci/run makes it before vitest starts, while tsc and eslint run.
 */
const ROOT = path.resolve(__dirname, "../..");
export { BUILD_TIMEOUT_MS, ensureProductionBuild };

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
  /**
   * The Auth.js session cookie a browser gets by signing in with this email and password, made
   * here with the server's own secret (tests/support/session-cookie.ts): no sign-in page, no POST.
   */
  sessionCookie: (email: string, password: string) => Promise<SessionCookie>;
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

/** Running servers by URL, so helpers given only a base URL (signIn) find the server's secret. */
const running = new Map<string, AppServer>();
export const appServerAt = (url: string): AppServer | undefined => running.get(url.replace(/\/$/, ""));

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
  const authSecret = randomBytes(32).toString("base64url");
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
      AUTH_SECRET: authSecret,
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
    running.delete(url);
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
  const server: AppServer = {
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
    sessionCookie: (email, password) => sessionCookieFor(handle.db, { url, secret: authSecret, email, password }),
    stop,
  };
  running.set(url, server);
  return server;
}
