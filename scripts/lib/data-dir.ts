import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * Files the embedded default keeps under DATA_DIR (.data/ by default), so that a restart finds
 * the same database, the same auth secret and knows the first run already happened:
 *   pg/                 PostgreSQL data directory
 *   pg.location         instead of pg/, when running as root where the postgres OS user cannot
 *                       reach pg/: the path of the data directory under /var/lib/postdesk
 *   pg-port             the port that PostgreSQL listens on
 *   pg-password         the postgres user's password
 *   auth-secret         AUTH_SECRET when none is configured (sessions survive restarts)
 *   first-run.done      written once the first administrator's credentials were printed
 */
export function dataDir(): string {
  const dir = path.resolve(env().DATA_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  return dir;
}

export const dataPath = (name: string) => path.join(dataDir(), name);

export function readDataFile(name: string): string | undefined {
  try {
    return fs.readFileSync(dataPath(name), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

export function writeDataFile(name: string, value: string, secret = false): void {
  fs.writeFileSync(dataPath(name), `${value}\n`, { mode: secret ? 0o600 : 0o644 });
}

/** Reads a stored secret, creating it on first use. */
export function persistentSecret(name: string, bytes = 32): string {
  const existing = readDataFile(name);
  if (existing) return existing;
  const secret = randomBytes(bytes).toString("base64url");
  writeDataFile(name, secret, true);
  return secret;
}
