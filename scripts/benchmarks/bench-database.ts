import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { env } from "@/lib/env";

/**
 * A fresh, migrated database for one benchmark run: on a throwaway embedded PostgreSQL (data under
 * .data/bench-<pid>, removed at the end), or on the server named by BENCH_DATABASE_URL, where a new
 * database is created and dropped again so existing data is never touched.
 */
export type BenchDatabase = {
  url: string;
  /** "embedded PostgreSQL 18.x" or "BENCH_DATABASE_URL". */
  source: string;
  serverVersion: string;
  /** Host and port of the server, for the wire recorder that sits in front of it. */
  host: string;
  port: number;
  /** The embedded server's data directory (its postmaster.pid), when embedded. */
  dataDir?: string;
  close: () => Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await a.end({ timeout: 5 });
  }
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const external = env().BENCH_DATABASE_URL;
  let server: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  if (external) {
    // Load tests stay on loopback: the recorder also reads the wire protocol in clear (no TLS).
    const host = new URL(external).hostname;
    if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
      throw new Error(`BENCH_DATABASE_URL must point at a PostgreSQL on this machine (localhost), not ${host}`);
    }
    adminUrl = external;
  } else {
    dataDir = path.join(process.cwd(), ".data", `bench-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    server = await startEmbeddedPostgres({ dataDir, persistent: false });
    adminUrl = server.url("postgres");
  }

  const name = `postdesk_bench_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let serverVersion = "";
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const [row] = await admin<{ server_version: string }[]>`show server_version`;
    serverVersion = row.server_version;
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  await runMigrations(url);

  const parsed = new URL(url);
  return {
    url,
    source: external ? "BENCH_DATABASE_URL" : `embedded PostgreSQL (${dataDir})`,
    serverVersion,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    dataDir,
    close: async () => {
      try {
        // The embedded server's data goes away with its directory; an external server keeps running.
        if (server) await server.stop();
        else await dropDatabase(adminUrl, name);
      } finally {
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A database kept between runs for one seed size (`--size`): an embedded PostgreSQL under
 * .data/bench-inbox-<size> that stays on disk, or the database postdesk_bench_<size> on the server
 * of BENCH_DATABASE_URL. Seeding a million conversations takes minutes; a run reuses the seed when
 * its size and seed version match (the caller checks) and applies any new migrations on top.
 */
export async function openKeptBenchDatabase(size: string): Promise<BenchDatabase & { fresh: () => Promise<void>; dataDir?: string }> {
  const external = env().BENCH_DATABASE_URL;
  let server: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  let source: string;
  if (external) {
    const host = new URL(external).hostname;
    if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
      throw new Error(`BENCH_DATABASE_URL must point at a PostgreSQL on this machine (localhost), not ${host}`);
    }
    adminUrl = external;
    source = "BENCH_DATABASE_URL";
  } else {
    dataDir = path.join(process.cwd(), ".data", `bench-inbox-${size}`);
    server = await startEmbeddedPostgres({ dataDir, persistent: true, stopOnSignals: false });
    adminUrl = server.url("postgres");
    source = `embedded PostgreSQL (${dataDir}, kept between runs)`;
  }
  const name = `postdesk_bench_${size.toLowerCase()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let serverVersion = "";
  try {
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0) await admin.unsafe(`CREATE DATABASE ${name}`);
    const [row] = await admin<{ server_version: string }[]>`show server_version`;
    serverVersion = row.server_version;
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  await runMigrations(url);
  const parsed = new URL(url);
  return {
    url,
    source,
    dataDir,
    serverVersion,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    // Drops and recreates the database (a seed of another version, or --reseed), then migrates it.
    fresh: async () => {
      await dropDatabase(adminUrl, name);
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`CREATE DATABASE ${name}`);
      } finally {
        await a.end({ timeout: 5 });
      }
      await runMigrations(url);
    },
    close: async () => {
      if (server) await server.stop();
    },
  };
}
