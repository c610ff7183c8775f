import { sql, type SQL } from "drizzle-orm";
import { getDb, selectWithGenericPlan, type DbOrTx } from "@/db/client";
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
 *
 * `genericPlan`: the query's best plan does not depend on its parameters (an index walk per account,
 * a user's own rows, the counters). A batch of only such reads on the pool runs on the generic-plan
 * pool (db/client.ts): PostgreSQL plans the statement once per connection, where a custom plan
 * costs it about four times the execution on every list page (scripts/benchmarks/inbox-explain.ts).
 */
export function batchedValue<T>(db: DbOrTx, query: SQL, options: { genericPlan?: boolean; lane?: Lane } = {}): Promise<T> {
  const scope = currentRequestScope();
  if (!scope) return selectValues(db, [query]).then(([v]) => v as T);
  let pendingByDb = batches.get(scope);
  if (!pendingByDb) batches.set(scope, (pendingByDb = new Map()));
  let lanes = pendingByDb.get(db);
  if (!lanes) pendingByDb.set(db, (lanes = new Map()));
  const lane = options.lane === "page" && pageScopes.has(scope) ? "page" : "small";
  let pending = lanes.get(lane);
  if (!pending) {
    const batch: Pending[] = (pending = []);
    const open = lanes;
    open.set(lane, batch);
    // setImmediate runs once the current turn's promise callbacks are done: every loader branch
    // that got to its read without waiting for the database is in this batch.
    setImmediate(() => {
      if (open.get(lane) === batch) open.delete(lane);
      void flush(db, batch);
    });
  }
  return new Promise<T>((resolve, reject) => pending.push({ query, genericPlan: options.genericPlan === true, resolve: resolve as (v: unknown) => void, reject }));
}

/**
 * Reads of one turn go out as one statement per lane, the lanes side by side on their own
 * connections. "page": the one large read of a screen (a page of the conversation list), whose
 * execution grows with the account (a few milliseconds at a million conversations). In a page
 * render (readPageRowsApart) the small reads (counters, bell, banner) then come back first and the
 * layout renders while the page's rows are still being read, instead of everything waiting for
 * the slowest read of one statement (scripts/benchmarks/inbox.ts: at 1M the small reads return in
 * about half the time of the shared statement).
 */
export type Lane = "small" | "page";

/**
 * Scopes of a page render (the account context's): only there is something rendered while the
 * page's rows are read. An API request has nothing to overlap with its rows, so it keeps one
 * statement (a second would only add a round trip's CPU on both sides).
 */
const pageScopes = new WeakSet<RequestScope>();
export const readPageRowsApart = (scope: RequestScope): void => void pageScopes.add(scope);

type Pending = { query: SQL; genericPlan: boolean; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** Per request scope, per pool or transaction, per lane: the reads waiting for this turn to end. */
const batches = new WeakMap<RequestScope, Map<DbOrTx, Map<Lane, Pending[]>>>();

async function flush(db: DbOrTx, batch: Pending[]): Promise<void> {
  try {
    const generic = db === getDb() && batch.every((p) => p.genericPlan);
    const values = await selectValues(
      db,
      batch.map((p) => p.query),
      generic,
    );
    batch.forEach((p, i) => p.resolve(values[i]));
  } catch (error) {
    for (const p of batch) p.reject(error);
  }
}

async function selectValues(db: DbOrTx, queries: SQL[], genericPlan = false): Promise<unknown[]> {
  const columns = sql.join(
    queries.map((q, i) => sql`(${q}) as ${sql.raw(`v${i}`)}`),
    sql`, `,
  );
  const statement = sql`select ${columns}`;
  const [row] = genericPlan ? await selectWithGenericPlan(statement) : await db.execute<Record<string, unknown>>(statement);
  return queries.map((_, i) => row?.[`v${i}`] ?? null);
}
