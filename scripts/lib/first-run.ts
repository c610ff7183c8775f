import { sql } from "drizzle-orm";
import { createDb } from "@/db/client";
import { createAccountWithAdmin } from "@/lib/accounts/provision";
import { readDataFile, writeDataFile } from "./data-dir";

/**
 * The embedded default's first run: an account and an administrator whose generated password is
 * printed once. The marker file makes sure it is never created or printed again.
 */
export const FIRST_ACCOUNT_NAME = "My Company";
export const FIRST_ADMIN_EMAIL = "admin@postdesk.local";
const MARKER = "first-run.done";

export type FirstRunCredentials = { email: string; password: string };

export async function seedFirstRun(url: string): Promise<FirstRunCredentials | null> {
  if (readDataFile(MARKER)) return null;
  const { db, sql: client } = createDb(url, { max: 1 });
  try {
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
    // Users but no marker: someone provisioned through the CLI first; nothing to print.
    if (Number(row?.n) > 0) {
      markFirstRunDone();
      return null;
    }
    const created = await createAccountWithAdmin(db, { accountName: FIRST_ACCOUNT_NAME, email: FIRST_ADMIN_EMAIL, name: "Administrator" });
    return { email: FIRST_ADMIN_EMAIL, password: created.password ?? "" };
  } finally {
    await client.end({ timeout: 5 });
  }
}

export function markFirstRunDone(): void {
  writeDataFile(MARKER, new Date().toISOString());
}

export async function countUsers(url: string): Promise<number> {
  const { db, sql: client } = createDb(url, { max: 1 });
  try {
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
    return Number(row?.n ?? 0);
  } finally {
    await client.end({ timeout: 5 });
  }
}
