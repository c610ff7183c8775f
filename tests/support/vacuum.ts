import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * VACUUM ANALYZE, repeated until every page of `table` is marked all-visible, for tests that
 * assert index-only scans: the planner prices those by the share of all-visible pages. A page
 * whose rows are newer than some open snapshot stays unmarked, and right after a bulk seed an
 * autovacuum ANALYZE of another table often holds one for a moment (seen here: 869 of 1,339
 * pages after the first pass, all of them a quarter of a second later). Bounded: it fails with
 * the counts if the table never gets there.
 */
export async function vacuumUntilAllVisible(db: Db, table: string, attempts = 40): Promise<void> {
  await db.execute(sql`vacuum analyze`);
  for (let attempt = 1; ; attempt++) {
    const [row] = await db.execute<{ pages: number; visible: number }>(
      sql`select relpages as pages, relallvisible as visible from pg_class where oid = ${table}::regclass`,
    );
    if (!row) throw new Error(`no table ${table}`);
    if (row.visible >= row.pages) return;
    if (attempt >= attempts) throw new Error(`${table}: ${row.visible} of ${row.pages} pages all-visible after ${attempts} vacuums (a snapshot held open?)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await db.execute(sql`vacuum analyze ${sql.identifier(table)}`);
  }
}
