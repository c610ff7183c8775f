/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or to the embedded
 * PostgreSQL under DATA_DIR when DATABASE_URL is unset). Run it on every deploy before starting
 * the new version; it is idempotent.
 */
import "./lib/load-env-files";
import { runMigrations } from "@/db/migrate";
import { openScriptDatabase } from "./lib/database";
import { pendingMigrationCount } from "./lib/migrations";

async function main() {
  const database = await openScriptDatabase((line) => console.error(line));
  try {
    const pending = await pendingMigrationCount(database.url);
    await runMigrations(database.url);
    console.log(pending === 0 ? "Database is up to date." : `Applied ${pending} migration${pending === 1 ? "" : "s"}.`);
  } finally {
    await database.release();
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
