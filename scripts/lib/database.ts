import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { env } from "@/lib/env";
import { dataPath, persistentSecret, readDataFile, writeDataFile } from "./data-dir";

/**
 * The database for scripts: DATABASE_URL when set, else the embedded PostgreSQL under DATA_DIR.
 * Two postmasters cannot share a data directory, so when one is already running (the server, or
 * another CLI call) we connect to it instead of starting a second; only a server we started is
 * stopped by `release()`.
 */
export const EMBEDDED_DATABASE = "postdesk";
const PREFERRED_PORT = 5433;

export type ScriptDatabase = {
  url: string;
  isEmbedded: boolean;
  /** Stops PostgreSQL if this process started it; otherwise does nothing. */
  release: () => Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres OS user).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The port of a postmaster already running on our data directory, read from postmaster.pid. */
async function runningPostmasterPort(pgDir: string): Promise<number | undefined> {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return (await canConnect(port)) ? port : undefined;
}

async function choosePort(findFreePort: () => Promise<number>): Promise<number> {
  const saved = Number(readDataFile("pg-port"));
  if (Number.isInteger(saved) && saved > 0) return saved;
  const port = (await isPortFree(PREFERRED_PORT)) ? PREFERRED_PORT : await findFreePort();
  writeDataFile("pg-port", String(port));
  return port;
}

async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function openScriptDatabase(
  log: (line: string) => void = () => {},
  options: { ownsSignals?: boolean } = {},
): Promise<ScriptDatabase> {
  const configured = env().DATABASE_URL;
  if (configured) return { url: configured, isEmbedded: false, release: async () => {} };
  const { findFreePort, locateEmbeddedServer, startEmbeddedPostgres } = await import("@/db/embedded");

  // DATA_DIR/pg, or where it has to live instead when running as root (db/embedded-location.ts).
  const location = await locateEmbeddedServer(dataPath("pg"), true);
  const pgDir = location.dataDir;
  // The password is fixed when the data directory is first initialised; keep it beside it.
  const isFresh = !fs.existsSync(path.join(pgDir, "PG_VERSION"));
  const password = isFresh ? persistentSecret("pg-password", 18) : (readDataFile("pg-password") ?? "postdesk");
  const adminUrl = (port: number) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  const runningPort = await runningPostmasterPort(pgDir);
  if (runningPort) {
    log(`Using the embedded PostgreSQL already running on port ${runningPort}`);
    const url = withDatabase(adminUrl(runningPort), EMBEDDED_DATABASE);
    await ensureDatabaseExists(adminUrl(runningPort), EMBEDDED_DATABASE);
    return { url, isEmbedded: true, release: async () => {} };
  }

  let port = await choosePort(findFreePort);
  if (!(await isPortFree(port))) {
    // Something else took the remembered port since last time: move to a free one.
    port = await findFreePort();
    writeDataFile("pg-port", String(port));
  }
  log(`Starting the embedded PostgreSQL (data in ${pgDir}, port ${port})${isFresh ? ", first run: initialising" : ""}`);
  // A caller with its own orderly shutdown (the start script: web server first, then PostgreSQL)
  // stops it itself; otherwise SIGINT/SIGTERM stop PostgreSQL and exit.
  const server = await startEmbeddedPostgres({ dataDir: pgDir, location, port, persistent: true, password, stopOnSignals: !options.ownsSignals });
  await ensureDatabaseExists(adminUrl(port), EMBEDDED_DATABASE);
  let stopped = false;
  return {
    url: withDatabase(adminUrl(port), EMBEDDED_DATABASE),
    isEmbedded: true,
    release: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop().catch(() => {});
    },
  };
}
