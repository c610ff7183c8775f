import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import * as profileRoute from "@/app/api/v1/profile/route";
import { createDb } from "@/db/client";
import { migrationsFolder } from "@/db/migrate";
import { users } from "@/db/schema";
import { resolveApiAccessToken } from "@/lib/auth/api-token";
import { userActor } from "@/lib/auth/actor";
import { resetApiAccessToken } from "@/lib/auth/reset-api-access-token";
import { hashToken } from "@/lib/auth/tokens";
import * as f from "../../factories";
import { call } from "../api/call";
import { useTestDatabase } from "../../support/db";

const db = useTestDatabase();

/** The migrations folder as it was before tokens were hashed (journal cut before `tag`). */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pd-migrations-"));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe("API access tokens stored hashed", () => {
  it("keeps a token made before the migration working, and the database keeps no token in clear", async () => {
    const adminUrl = inject("pgAdminUrl");
    const name = `t_tok_${randomBytes(5).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const oldFolder = migrationsBefore("0011_invitations");
    const handle = createDb(url.toString(), { max: 1 });
    try {
      await migrate(drizzle(sql), { migrationsFolder: oldFolder });
      const legacy = "legacyTokenMadeBeforeHashing_0123456789";
      const [user] = await sql<{ id: number }[]>`
        insert into users (name, email, password_hash, api_access_token) values ('Old', 'old@example.test', 'x', ${legacy}) returning id`;

      await migrate(drizzle(sql), { migrationsFolder });

      expect((await resolveApiAccessToken(handle.db, legacy))?.userId).toBe(user.id);
      expect(await resolveApiAccessToken(handle.db, "legacyTokenMadeBeforeHashing_012345678X")).toBeNull();
      const columns = await sql<{ column_name: string }[]>`select column_name from information_schema.columns where table_name = 'users'`;
      expect(columns.map((c) => c.column_name)).not.toContain("api_access_token");
      const dump = JSON.stringify(await sql`select * from users`);
      expect(dump).not.toContain(legacy);
      expect(dump).toContain(hashToken(legacy));
    } finally {
      await handle.sql.end();
      await sql.end();
      rmSync(oldFolder, { recursive: true, force: true });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it("shows a reset token once: the old one stops working and the profile API never returns it", async () => {
    const { agent } = await f.createWorkspace(db());
    const fresh = (await resetApiAccessToken(db(), userActor(agent.id))).apiAccessToken;
    expect(fresh).not.toBe(agent.apiAccessToken);
    expect(await resolveApiAccessToken(db(), agent.apiAccessToken)).toBeNull();
    expect((await resolveApiAccessToken(db(), fresh))?.userId).toBe(agent.id);
    const [row] = await db().select().from(users).where(eq(users.id, agent.id));
    expect(JSON.stringify(row)).not.toContain(fresh);
    expect(row.apiAccessTokenHash).toBe(hashToken(fresh));
    const profile = await call(profileRoute.GET, { token: fresh });
    expect(profile.status).toBe(200);
    expect(profile.body.access_token).toBeNull();
    expect(JSON.stringify(profile.body)).not.toContain(fresh);
  });
});
