import type { SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
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
const globalForDb = globalThis as unknown as { __postdeskDb?: Handle; __postdeskGenericDb?: Handle };

export function createDb(url: string, options: { max?: number; onQuery?: (query: string) => void; genericPlans?: boolean } = {}): Handle {
  const onQuery = options.onQuery;
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    prepare: true,
    ...(onQuery ? { debug: (_c: number, query: string) => onQuery(query) } : {}),
    // Its reads return json and numbers: no array types to look up on a new connection (a round trip).
    ...(options.genericPlans ? { connection: { plan_cache_mode: "force_generic_plan" }, fetch_types: false } : {}),
  });
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

/**
 * A small second pool whose connections run each prepared statement with its generic plan:
 * planned once per connection instead of on every execution. Only for the fixed reads whose best
 * plan does not depend on their parameters (lib/request-batch.ts: a list page's batch, whose
 * planning cost PostgreSQL about four times its execution). Drizzle sends unnamed statements
 * (planned at every execution), so these go through postgres.js as named ones.
 */
function genericPlanHandle(): Handle {
  const url = getHandle().url;
  const current = globalForDb.__postdeskGenericDb;
  if (current && current.url === url) return current;
  if (current) void current.sql.end({ timeout: 5 });
  globalForDb.__postdeskGenericDb = createDb(url, { max: 3, genericPlans: true });
  return globalForDb.__postdeskGenericDb;
}

/** `query`'s rows, run as a named prepared statement with its generic plan (see genericPlanHandle). */
export async function selectWithGenericPlan(query: SQL): Promise<Record<string, unknown>[]> {
  const handle = genericPlanHandle();
  const { sql: text, params } = (handle.db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(query);
  return handle.sql.unsafe<Record<string, unknown>[]>(text, params as never[], { prepare: true });
}

/**
 * `query`'s rows, sent on `db`'s own connection (the pool, or an open transaction) as a named
 * prepared statement: PostgreSQL plans it for the first few executions on that connection, then
 * keeps a generic plan when it is no worse (plan_cache_mode auto). For statements that take far
 * longer to plan than to run, made once per action (a label change's write and its summary);
 * drizzle's `execute` sends unnamed statements, planned at every execution.
 */
export async function executeNamed<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const inner = db as unknown as { dialect: PgDialect; session: { client: postgres.Sql } };
  const { sql: text, params } = inner.dialect.sqlToQuery(query);
  return inner.session.client.unsafe<T[]>(text, params as never[], { prepare: true });
}

/** The generic-plan pool's postgres.js instance (tests look at its connections' prepared statements). */
export const getGenericPlanSql = (): postgres.Sql => genericPlanHandle().sql;

/** For benchmarks: makes `handle` the process's pool (e.g. one that counts its statements). */
export function installDb(handle: Handle): void {
  globalForDb.__postdeskDb = handle;
}

/** Whether the process's pool is open (a delayed task skips its work once the pool was closed at shutdown). */
export const isDbOpen = (): boolean => globalForDb.__postdeskDb !== undefined;

export async function closeDb(): Promise<void> {
  const current = globalForDb.__postdeskDb;
  const generic = globalForDb.__postdeskGenericDb;
  globalForDb.__postdeskDb = undefined;
  globalForDb.__postdeskGenericDb = undefined;
  if (generic) await generic.sql.end({ timeout: 5 });
  if (current) await current.sql.end({ timeout: 5 });
}
