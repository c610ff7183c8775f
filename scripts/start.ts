/**
 * `npm start`: one command from a fresh clone to a working help desk.
 * - DATABASE_URL unset: the embedded PostgreSQL under DATA_DIR (started, migrated, and on the
 *   very first run seeded with an account and an administrator whose password is printed once).
 * - DATABASE_URL set: that server; migrations are the operator's step (`npm run db:migrate`).
 * Then builds the Next app when there is no current build and runs `next start` on PORT, forwarding signals
 * and stopping the embedded PostgreSQL when it exits. With `--dev` (`npm run dev`) it runs
 * `next dev` instead, on the same database and secret, without building.
 * With no PUSHER_* set, it also runs the embedded Pusher-protocol server for live refresh
 * (REALTIME_PORT, default 6001) and passes its settings to the Next process.
 */
import "./lib/load-env-files";
import { runMigrations } from "@/db/migrate";
import { appUrl, env, setEnvVar } from "@/lib/env";
import { persistentSecret } from "./lib/data-dir";
import { openScriptDatabase } from "./lib/database";
import { countUsers, markFirstRunDone, seedFirstRun, type FirstRunCredentials } from "./lib/first-run";
import { pendingMigrationCount } from "./lib/migrations";
import { startEmbeddedRealtime } from "./lib/embedded-realtime";
import { buildNextApp, hasProductionBuild, isBuildFresh, startNextServer } from "./lib/next-build";
import { waitForPort } from "./lib/wait-for-port";

const say = (line: string) => console.log(`[postdesk] ${line}`);
const isDev = process.argv.includes("--dev");

function printReady(credentials: FirstRunCredentials | null) {
  const signInUrl = `${appUrl()}/sign-in`;
  const lines = ["", `Postdesk is running. Sign in at ${signInUrl}`];
  if (credentials) {
    lines.push(
      "",
      "First run: an administrator was created. This password is shown only once:",
      `  Email:    ${credentials.email}`,
      `  Password: ${credentials.password}`,
      "(Change it on your profile page, or reset it with `npm run cli -- user:reset-password --email ...`.)",
    );
  }
  console.log(lines.join("\n") + "\n");
}

async function main() {
  // Children (next build, next start) inherit it: no telemetry calls from a self-hosted desk.
  setEnvVar("NEXT_TELEMETRY_DISABLED", env().NEXT_TELEMETRY_DISABLED);
  const database = await openScriptDatabase(say, { ownsSignals: true });
  let credentials: FirstRunCredentials | null = null;
  try {
    if (database.isEmbedded) {
      await runMigrations(database.url);
      credentials = await seedFirstRun(database.url);
    } else {
      const pending = await pendingMigrationCount(database.url);
      if (pending > 0) {
        throw new Error(`The database at DATABASE_URL has ${pending} migration(s) not applied yet. Run \`npm run db:migrate\`, then start again.`);
      }
      if ((await countUsers(database.url)) === 0) {
        say('No users yet. Create the first account with: npm run cli -- account:create --name "My Company" --email you@example.com');
      }
    }
    setEnvVar("DATABASE_URL", database.url);
    // A stable secret kept under DATA_DIR when none is configured, so sessions survive restarts.
    if (!env().AUTH_SECRET) setEnvVar("AUTH_SECRET", persistentSecret("auth-secret"));

    if (!isDev && !isBuildFresh()) {
      say(hasProductionBuild() ? "The code changed since the last build: running `next build`..." : "No production build yet: running `next build` (once; takes a minute)...");
      if (!buildNextApp()) throw new Error("`next build` failed; see the output above.");
    }
  } catch (error) {
    await database.release();
    throw error;
  }

  let realtime: Awaited<ReturnType<typeof startEmbeddedRealtime>>;
  try {
    // Before the Next child starts: it inherits the PUSHER_* this sets.
    realtime = await startEmbeddedRealtime(say);
  } catch (error) {
    await database.release();
    throw error;
  }

  const port = env().PORT;
  const server = startNextServer(port, { dev: isDev });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`Stopping (${signal})...`);
    server.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  server.on("exit", (code, signal) => {
    void Promise.all([database.release(), realtime?.close()]).then(() => {
      if (!stopping) say(`The web server exited (${signal ?? `code ${code}`}).`);
      process.exit(stopping ? 0 : (code ?? 1));
    });
  });

  if (await waitForPort(port, 120_000)) {
    printReady(credentials);
    if (credentials) markFirstRunDone();
  } else if (!stopping) {
    say(`The web server did not start listening on port ${port} within 2 minutes.`);
  }
}

main().catch((error: unknown) => {
  console.error(`[postdesk] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
