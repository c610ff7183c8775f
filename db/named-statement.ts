import { fillPlaceholders, type SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { DbOrTx } from "./client";

/**
 * A statement built and rendered by drizzle once, with `sql.placeholder(name)` where its values
 * go; each run fills them in and sends it on `db`'s own connection (the pool, or an open
 * transaction) as a named prepared statement, as executeNamed does. For large statements made at
 * every change (a label change's write and its summary): building the SQL objects and rendering
 * them cost Node more than sending the result, and the text never changes.
 */
export function namedStatement<V extends Record<string, unknown>>(build: (db: DbOrTx) => SQL) {
  let rendered: { sql: string; params: unknown[] } | undefined;
  return <T extends Record<string, unknown>>(db: DbOrTx, values: V): Promise<T[]> => {
    const inner = db as unknown as { dialect: PgDialect; session: { client: postgres.Sql } };
    rendered ??= inner.dialect.sqlToQuery(build(db));
    return inner.session.client.unsafe<T[]>(rendered.sql, fillPlaceholders(rendered.params, values) as never[], { prepare: true });
  };
}

/**
 * A drizzle query prepared once per database handle: `build` makes it with `sql.placeholder(…)`
 * for its values and ends with `.prepare(name)`, so drizzle still maps the rows while postgres.js
 * sends it as a named statement. For the pool (one per process) the query is built once; each
 * transaction gets its own. For the small reads every signed-in page starts with (the session
 * check, the profile): an unnamed statement with values costs a describe round trip before its
 * execution and a plan every time; a named one is described and planned once per connection.
 */
export function preparedPerDb<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const byDb = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let query = byDb.get(db);
    if (!query) byDb.set(db, (query = build(db)));
    return query;
  };
}
