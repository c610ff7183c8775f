import { openBenchDatabase } from "./bench-database";
import { seedInbox } from "./seed-inbox";
async function main() {
  const db = await openBenchDatabase();
  console.log(db.source, db.serverVersion);
  try {
    const r = await seedInbox(db.url);
    console.log(JSON.stringify({ ...r, apiAccessToken: "x" }));
  } finally {
    await db.close();
  }
}
void main();
