import { hashToken } from "@/lib/auth/tokens";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/db/embedded";
import { accountUsers, users } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { env } from "@/lib/env";
import { useTestDatabase } from "@/tests/support/db";
import { runScript } from "@/tests/support/run-script";

const db = useTestDatabase();
// The CLI reads DATABASE_URL, which useTestDatabase points at this file's database.
const cli = (...args: string[]) => runScript("cli.ts", args, { DATABASE_URL: env().DATABASE_URL });
const canSignIn = async (email: string, password: string) =>
  (await authenticateWithPassword(db(), { email, password, client: "cli-test" })).ok;

describe("operator CLI against DATABASE_URL", () => {
  it("account:create --json prints exactly the account id, user id and API token of a working administrator", async () => {
    const result = await cli("account:create", "--name", "Acme", "--email", "admin@acme.test", "--password", "acme password 1", "--json");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout.trim());
    expect(Object.keys(printed)).toEqual(["account_id", "user_id", "api_access_token"]);
    const [user] = await db().select().from(users).where(eq(users.id, printed.user_id));
    expect(user.apiAccessTokenHash).toBe(hashToken(printed.api_access_token));
    const [membership] = await db()
      .select()
      .from(accountUsers)
      .where(and(eq(accountUsers.accountId, printed.account_id), eq(accountUsers.userId, printed.user_id)));
    expect(membership.role).toBe("administrator");
    expect(await canSignIn("admin@acme.test", "acme password 1")).toBe(true);
  });

  it("user:create adds an agent with a generated password that works, and reset-password replaces it", async () => {
    const account = JSON.parse((await cli("account:create", "--name", "Beta", "--email", "boss@beta.test", "--json")).stdout);
    const created = await cli("user:create", "--account", String(account.account_id), "--email", "agent@beta.test", "--name", "Agent Bee", "--role", "agent");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`is now agent of account ${account.account_id}`);
    const generated = /Generated password \(shown once\): (\S+)/.exec(created.stderr)?.[1];
    expect(generated).toBeTruthy();
    expect(await canSignIn("agent@beta.test", generated ?? "")).toBe(true);

    const reset = await cli("user:reset-password", "--email", "agent@beta.test", "--password", "brand new password");
    expect(reset.code).toBe(0);
    expect(await canSignIn("agent@beta.test", generated ?? "")).toBe(false);
    expect(await canSignIn("agent@beta.test", "brand new password")).toBe(true);
  });

  it("fails with a clear message and a non-zero exit code on bad input", async () => {
    const badRole = await cli("user:create", "--account", "1", "--email", "x@y.test", "--name", "X", "--role", "owner");
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("--role must be one of: administrator, agent");

    const noAccount = await cli("user:create", "--account", "999999", "--email", "x@y.test", "--name", "X", "--role", "agent");
    expect(noAccount.code).toBe(1);
    expect(noAccount.stderr).toContain("Account 999999 not found");

    const unknownUser = await cli("user:reset-password", "--email", "ghost@nowhere.test");
    expect(unknownUser.code).toBe(1);
    expect(unknownUser.stderr).toContain("User ghost@nowhere.test not found");

    const missing = await cli("account:create", "--name", "No Email");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--email is required");

    const unknown = await cli("account:destroy");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "account:destroy"');
  });
});

describe("operator CLI with the embedded database", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "postdesk-cli-"));
  fs.chmodSync(dataDir, 0o755);
  const embeddedCli = (...args: string[]) => runScript("cli.ts", args, { DATABASE_URL: "", DATA_DIR: dataDir }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("starts PostgreSQL under DATA_DIR when nothing runs, and reuses a running one without stopping it", async () => {
    const first = await embeddedCli("account:create", "--name", "Solo", "--email", "solo@solo.test", "--password", "solo password", "--json");
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).account_id).toBe(1);
    expect(first.stderr).toContain("Starting the embedded PostgreSQL");

    // Now PostgreSQL runs on that data directory (as under `npm start`): the CLI must join it.
    const port = Number(fs.readFileSync(path.join(dataDir, "pg-port"), "utf8"));
    const password = fs.readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port, persistent: true, password });
    try {
      const second = await embeddedCli("user:create", "--account", "1", "--email", "two@solo.test", "--name", "Two", "--role", "agent", "--json");
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toContain(`already running on port ${port}`);
      const sql = postgres(server.url("postdesk"), { max: 1 });
      try {
        const rows = await sql`select email from users order by id`;
        expect(rows.map((r) => r.email)).toEqual(["solo@solo.test", "two@solo.test"]);
      } finally {
        await sql.end();
      }
    } finally {
      await server.stop();
    }
  }, 120_000);
});
