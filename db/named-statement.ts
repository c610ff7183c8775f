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
