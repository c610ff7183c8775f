import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrationsFolder } from "@/db/migrate";

/**
 * Migration 0010 makes inbox addresses unique on the installation. An installation that already
 * has the same address in two accounts must still migrate: the oldest inbox keeps the address,
 * later ones are renamed <local>+duplicate-<id>@<domain> and flagged on their health panel.
 */
const UNIQUE_ADDRESSES = "0010_inbox_address_unique";
const admin = postgres(inject("pgAdminUrl"), { max: 1, onnotice: () => {} });
const name = `t_mig_${randomBytes(5).toString("hex")}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "postdesk-mig-"));

afterAll(async () => {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The migrations folder as it was before `tag`. */
function migrationsBefore(tag: string): string {
  fs.cpSync(migrationsFolder, tmp, { recursive: true });
  const journalPath = path.join(tmp, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return tmp;
}

describe("migration to installation-wide inbox addresses", () => {
  it("keeps the oldest inbox's address and renames and flags later duplicates instead of failing", async () => {
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(inject("pgAdminUrl"));
    url.pathname = `/${name}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: migrationsBefore(UNIQUE_ADDRESSES) });
      const [a] = await sql`insert into accounts (name) values ('A') returning id`;
      const [b] = await sql`insert into accounts (name) values ('B') returning id`;
      const channel = (accountId: number, email: string, token: string) =>
        sql`insert into channel_email (account_id, email, forwarding_token) values (${accountId}, ${email}, ${token}) returning id`;
      const [first] = await channel(a.id, "support@a.test", "in-1");
      const [second] = await channel(b.id, "Support@A.test", "in-2");
      const [third] = await channel(a.id, "support@a.test", "in-3");
      const [other] = await channel(b.id, "help@b.test", "in-4");

      await migrate(drizzle(sql), { migrationsFolder });

      const rows = await sql`select id, email, health, last_error from channel_email order by id`;
      expect(rows).toEqual([
        { id: first.id, email: "support@a.test", health: "ok", last_error: null },
        { id: second.id, email: `Support+duplicate-${second.id}@A.test`, health: "error", last_error: expect.stringContaining("already had the address Support@A.test") },
        { id: third.id, email: `support+duplicate-${third.id}@a.test`, health: "error", last_error: expect.stringContaining("this inbox was renamed") },
        { id: other.id, email: "help@b.test", health: "ok", last_error: null },
      ]);
      await expect(channel(b.id, "SUPPORT@a.test", "in-5")).rejects.toMatchObject({ constraint_name: "channel_email_email_key" });
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});
