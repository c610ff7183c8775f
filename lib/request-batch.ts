import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { currentRequestScope, type RequestScope } from "./request-scope";

/**
 * Small reads of one request sent as ONE statement. A signed-in page asks for several small,
 * independent values at once — the bell, the Mentions count, the sidebar counters, the list's tab
 * counts, the reconnect banner — each from its own domain function, after its own access check.
 * Every statement costs the Next process a socket write, a result to parse and a round trip, and
 * PostgreSQL a parse/bind/execute cycle; so within a request scope (runInRequestScope) the values
 * asked for in the same turn of the event loop are collected and read together:
 * `select (q0) as v0, (q1) as v1, …`. Outside a scope (jobs, tests calling domain functions
 * directly) each is its own statement, as before.
 *
 * `query` is a SELECT yielding at most one row of one column (null when none): a number, or a json
 * value built in SQL (json_agg / json_build_array), which postgres.js parses. A statement error
 * fails every read of its batch: the queries are the app's own, so that is a bug, not an input.
 */
export function batchedValue<T>(db: DbOrTx, query: SQL): Promise<T> {
  const scope = currentRequestScope();
  if (!scope) return selectValues(db, [query]).then(([v]) => v as T);
  let pendingByDb = batches.get(scope);
  if (!pendingByDb) batches.set(scope, (pendingByDb = new Map()));
  let pending = pendingByDb.get(db);
  if (!pending) {
    const batch: Pending[] = (pending = []);
    pendingByDb.set(db, batch);
    // setImmediate runs once the current turn's promise callbacks are done: every loader branch
    // that got to its read without waiting for the database is in this batch.
    setImmediate(() => {
      if (pendingByDb.get(db) === batch) pendingByDb.delete(db);
      void flush(db, batch);
    });
  }
  return new Promise<T>((resolve, reject) => pending.push({ query, resolve: resolve as (v: unknown) => void, reject }));
}

type Pending = { query: SQL; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** Per request scope, per pool or transaction: the reads waiting for this turn to end. */
const batches = new WeakMap<RequestScope, Map<DbOrTx, Pending[]>>();

async function flush(db: DbOrTx, batch: Pending[]): Promise<void> {
  try {
    const values = await selectValues(
      db,
      batch.map((p) => p.query),
    );
    batch.forEach((p, i) => p.resolve(values[i]));
  } catch (error) {
    for (const p of batch) p.reject(error);
  }
}

async function selectValues(db: DbOrTx, queries: SQL[]): Promise<unknown[]> {
  const columns = sql.join(
    queries.map((q, i) => sql`(${q}) as ${sql.raw(`v${i}`)}`),
    sql`, `,
  );
  const [row] = await db.execute<Record<string, unknown>>(sql`select ${columns}`);
  return queries.map((_, i) => row?.[`v${i}`] ?? null);
}
