import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { migrationsFolder } from "@/db/migrate";

/** How many committed migrations the database has not applied yet (drizzle's own bookkeeping). */
export async function pendingMigrationCount(url: string): Promise<number> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [table] = await sql`select to_regclass('drizzle.__drizzle_migrations') as name`;
    if (!table?.name) return journal.entries.length;
    const [row] = await sql`select count(*)::int as applied from drizzle.__drizzle_migrations`;
    return Math.max(0, journal.entries.length - Number(row?.applied ?? 0));
  } finally {
    await sql.end({ timeout: 5 });
  }
}
