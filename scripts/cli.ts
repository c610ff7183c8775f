/**
 * Operator CLI: `npm run cli -- <command> [options]`. Works whether or not the server runs: with
 * DATABASE_URL unset it uses the embedded PostgreSQL under DATA_DIR (reusing a running one).
 * Output meant for machines (--json) goes to stdout; progress and errors go to stderr.
 */
import "./lib/load-env-files";
import { parseArgs } from "node:util";
import { installEventDispatcher } from "@/inngest/dispatch";
import { createDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { accountRole } from "@/db/schema";
import { createAccountWithAdmin, createUserInAccount, resetUserPassword } from "@/lib/accounts/provision";
import { isAppError } from "@/lib/errors";
import { createPlatformApp } from "@/lib/platform/apps";
import { backfillReportingEvents } from "@/lib/reports/backfill";
import { openScriptDatabase } from "./lib/database";
import { pendingMigrationCount } from "./lib/migrations";

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  account:create --name <account name> --email <admin email> [--user-name <name>] [--password <pw>] [--json]
      Creates an account and its administrator (an existing user is added as administrator).
      --json prints {"account_id":…,"user_id":…,"api_access_token":"…"}.
  user:create --account <id> --email <email> --name <name> --role agent|administrator [--password <pw>] [--json]
      Adds a user to an account with a role (an existing member gets the new role).
  user:reset-password --email <email> [--password <pw>] [--json]
      Sets a new password (generated when not given) and signs the user out everywhere.
  platform-app:create --name <app name> [--json]
      Creates a platform app for the Platform API (/platform/api/v1) and prints its token once.
      --json prints {"id":…,"name":"…","access_token":"…"}.
  reports:backfill [--account <id>] [--json]
      Derives the reporting events of every conversation (or one account's) from their history.
      Safe to re-run: events already stored are kept. --json prints {"conversations":…,"inserted":…}.

A password is generated and printed when --password is not given.`;

class UsageError extends Error {}

const options = {
  name: { type: "string" },
  email: { type: "string" },
  "user-name": { type: "string" },
  password: { type: "string" },
  account: { type: "string" },
  role: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>["values"];

function required(values: Values, name: "name" | "email" | "account" | "role"): string {
  const value = values[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function parseRole(value: string): (typeof accountRole.enumValues)[number] {
  const role = accountRole.enumValues.find((r) => r === value);
  if (!role) throw new UsageError(`--role must be one of: ${accountRole.enumValues.join(", ")}`);
  return role;
}

function parseAccountId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError("--account must be an account id (a positive number)");
  return id;
}

type Db = ReturnType<typeof createDb>["db"];

async function run(command: string, values: Values, db: Db): Promise<void> {
  const printPassword = (password: string | null) => {
    if (password && !values.password) console.error(`Generated password (shown once): ${password}`);
  };
  switch (command) {
    case "account:create": {
      const created = await createAccountWithAdmin(db, {
        accountName: required(values, "name"),
        email: required(values, "email"),
        name: values["user-name"],
        password: values.password,
      });
      if (values.json) {
        console.log(JSON.stringify({ account_id: created.accountId, user_id: created.userId, api_access_token: created.apiAccessToken }));
      } else {
        console.log(`Created account ${created.accountId} with administrator user ${created.userId}.`);
        // Tokens are stored hashed: an existing user's cannot be printed (they reset it in their profile).
        console.log(created.apiAccessToken ? `API access token (shown once): ${created.apiAccessToken}` : "API access token: unchanged (reset it on the profile page to see a new one).");
        if (created.password === null) console.log("The user already existed and keeps their password.");
      }
      printPassword(created.password);
      return;
    }
    case "user:create": {
      const created = await createUserInAccount(db, {
        accountId: parseAccountId(required(values, "account")),
        email: required(values, "email"),
        name: required(values, "name"),
        role: parseRole(required(values, "role")),
        password: values.password,
      });
      if (values.json) {
        console.log(JSON.stringify({ account_id: created.accountId, user_id: created.userId, api_access_token: created.apiAccessToken }));
      } else {
        console.log(`User ${created.userId} is now ${values.role} of account ${created.accountId}.`);
        if (created.password === null) console.log("The user already existed and keeps their password.");
      }
      printPassword(created.password);
      return;
    }
    case "user:reset-password": {
      const reset = await resetUserPassword(db, { email: required(values, "email"), password: values.password });
      if (values.json) console.log(JSON.stringify({ user_id: reset.userId }));
      else console.log(`Password reset for user ${reset.userId}; their existing sessions are signed out.`);
      printPassword(reset.password);
      return;
    }
    case "platform-app:create": {
      const app = await createPlatformApp(db, { name: required(values, "name") });
      if (values.json) console.log(JSON.stringify({ id: app.id, name: app.name, access_token: app.accessToken }));
      else {
        console.log(`Created platform app ${app.id} (${app.name}).`);
        console.log(`Access token (shown once; send it as the api_access_token header): ${app.accessToken}`);
      }
      return;
    }
    case "reports:backfill": {
      const result = await backfillReportingEvents(db, {
        accountId: values.account ? parseAccountId(values.account) : undefined,
        onProgress: (done) => console.error(`${done.conversations} conversations, ${done.inserted} new events`),
      });
      if (values.json) console.log(JSON.stringify(result));
      else console.log(`Backfilled ${result.conversations} conversations: ${result.inserted} new reporting events.`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

async function main(): Promise<number> {
  installEventDispatcher();
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (!command || parsed.values.help) {
    console.error(USAGE);
    return command || parsed.values.help ? 0 : 2;
  }
  if (!["account:create", "user:create", "user:reset-password", "platform-app:create", "reports:backfill"].includes(command)) {
    console.error(`Unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }

  const database = await openScriptDatabase((line) => console.error(line));
  const { db, sql } = createDb(database.url, { max: 2 });
  try {
    // The embedded database is ours to migrate; an external one is migrated by the operator.
    if (database.isEmbedded) await runMigrations(database.url);
    else if ((await pendingMigrationCount(database.url)) > 0) {
      console.error("The database is not migrated: run `npm run db:migrate` first.");
      return 1;
    }
    await run(command, parsed.values, db);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (isAppError(error)) {
      console.error(`Error: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await sql.end({ timeout: 5 });
    await database.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
