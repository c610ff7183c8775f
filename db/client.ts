import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Queries take either the pool or an open transaction. */
export type DbOrTx = Db | Tx;

type Handle = { db: Db; sql: postgres.Sql; url: string };

// Kept on globalThis so Next's dev reloads and test files reuse one pool per URL.
const globalForDb = globalThis as unknown as { __postdeskDb?: Handle };

export function createDb(url: string, options: { max?: number; onQuery?: (query: string) => void } = {}): Handle {
  const onQuery = options.onQuery;
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {}, prepare: true, ...(onQuery ? { debug: (_c: number, query: string) => onQuery(query) } : {}) });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, sql, url };
}

export function getDb(): Db {
  return getHandle().db;
}

export function getSql(): postgres.Sql {
  return getHandle().sql;
}

function getHandle(): Handle {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Postdesk with `npm start`, or set DATABASE_URL.");
  const current = globalForDb.__postdeskDb;
  if (current && current.url === url) return current;
  globalForDb.__postdeskDb = createDb(url);
  return globalForDb.__postdeskDb;
}

/** For benchmarks: makes `handle` the process's pool (e.g. one that counts its statements). */
export function installDb(handle: Handle): void {
  globalForDb.__postdeskDb = handle;
}

/** Whether the process's pool is open (a delayed task skips its work once the pool was closed at shutdown). */
export const isDbOpen = (): boolean => globalForDb.__postdeskDb !== undefined;

export async function closeDb(): Promise<void> {
  const current = globalForDb.__postdeskDb;
  globalForDb.__postdeskDb = undefined;
  if (current) await current.sql.end({ timeout: 5 });
}
