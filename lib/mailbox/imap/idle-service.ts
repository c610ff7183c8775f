import { getDb } from "@/db/client";
import { env, isInngestConfigured } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { startImapIdleWatcher, type IdleWatcher } from "./idle-watcher";

/**
 * The process-wide IMAP IDLE watcher (idle-watcher.ts), started from instrumentation.ts when the
 * Node server boots. It needs a process that stays up, so by default (IMAP_IDLE=auto) it runs
 * where the embedded job runner runs, i.e. when no Inngest is configured; IMAP_IDLE=on runs it with
 * Inngest too (a long-running Next server), off never (serverless: the scheduled polls remain).
 * Kept on globalThis so dev reloads do not open a second set of connections.
 */
const holder = globalThis as unknown as { __postdeskImapIdle?: IdleWatcher };
const log = createLogger("imap-idle");

export function shouldRunImapIdle(): boolean {
  const e = env();
  if (e.IMAP_IDLE === "off" || e.IMAP_IDLE_MAX_CONNECTIONS === 0 || !e.DATABASE_URL) return false;
  return e.IMAP_IDLE === "on" || !isInngestConfigured();
}

export function startImapIdle(): IdleWatcher | undefined {
  if (!shouldRunImapIdle()) return undefined;
  if (!holder.__postdeskImapIdle) {
    holder.__postdeskImapIdle = startImapIdleWatcher({ db: getDb(), maxConnections: env().IMAP_IDLE_MAX_CONNECTIONS });
    log.info("IMAP IDLE watcher started", { maxConnections: env().IMAP_IDLE_MAX_CONNECTIONS });
    // Log out of the mail servers on shutdown rather than leaving them half-open connections.
    // Next exits on these signals itself; should nothing else listen, exit as the signal would.
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        const isAlone = process.listenerCount(signal) === 0;
        void stopImapIdle().finally(() => {
          if (isAlone) process.kill(process.pid, signal);
        });
      });
    }
  }
  return holder.__postdeskImapIdle;
}

export async function stopImapIdle(): Promise<void> {
  const watcher = holder.__postdeskImapIdle;
  holder.__postdeskImapIdle = undefined;
  await watcher?.stop();
}
