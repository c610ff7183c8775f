import { and, asc, eq, ne } from "drizzle-orm";
import type { ImapFlow } from "imapflow";
import type { Db } from "@/db/client";
import { channelEmail, inboxes, type ChannelEmail } from "@/db/schema";
import { mailboxPollRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { createLogger } from "@/lib/logger";
import { describeImapError, imapServerOf, type ImapServer } from "./connect";
import { ImapCredentialsError, openImapConnection } from "./credentials";

/**
 * IMAP IDLE on a long-running host (docs/email-receiving.md): one connection per
 * enabled IMAP inbox, up to `maxConnections`, waiting in IDLE on the inbox's folder. When the
 * server says the folder grew, it asks for a poll (`mailbox/poll.requested`): the poll stays the
 * one import path (cursor, exactly-once, health), IDLE only makes it come sooner. The scheduled
 * polls go on as before, so a missed IDLE notice costs at most one interval.
 *
 * The inbox list is read again every `refreshMs`: inboxes created, disabled, deleted, waiting for
 * a reconnect, or whose server, login, password or folder changed are started, stopped or
 * restarted. A dropped connection is reopened with exponential backoff and jitter, and a poll is
 * asked for once it is back (mail may have come meanwhile). A refused login is not retried until
 * the credentials change (retrying a wrong password can lock the mailbox); a server without IDLE
 * is left to the scheduled polls.
 */
export type IdleWatcherOptions = {
  db: Db;
  maxConnections: number;
  /** How often the inbox list is read again (default one minute). */
  refreshMs?: number;
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs` (defaults 1 s, 5 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** New mail: ask for a poll (default: the mailbox/poll.requested event). */
  requestPoll?: (scope: Scope) => Promise<void>;
};

export type IdleWatcher = {
  /** Reads the inbox list now and starts/stops watches accordingly. */
  refresh: () => Promise<void>;
  /** Inbox ids with an open IDLE connection (for tests and logs). */
  connected: () => number[];
  stop: () => Promise<void>;
};

type Scope = { accountId: number; inboxId: number };
type Watchable = Scope & { channel: ChannelEmail; fingerprint: string };

const log = createLogger("imap-idle");
/** Notices that come together (a batch delivered at once) ask for one poll. */
const COALESCE_MS = 200;
/** A connection that lived this long was healthy: the next failure starts the backoff again. */
const HEALTHY_AFTER_MS = 60_000;

/** What, when it changes, means the connection must be opened again. */
const fingerprintOf = (c: ChannelEmail) =>
  JSON.stringify([c.provider, c.imapAddress, c.imapPort, c.imapEnableSsl, c.imapLogin || c.email, c.imapPasswordEnc, c.imapFolder]);

async function listWatchable(db: Db, limit: number): Promise<{ rows: Watchable[]; total: number }> {
  const rows = await db
    .select({ inboxId: inboxes.id, accountId: inboxes.accountId, channel: channelEmail })
    .from(channelEmail)
    .innerJoin(inboxes, and(eq(inboxes.accountId, channelEmail.accountId), eq(inboxes.channelId, channelEmail.id), eq(inboxes.channelType, "email")))
    .where(and(eq(channelEmail.imapEnabled, true), ne(channelEmail.health, "reconnect_needed")))
    .orderBy(asc(inboxes.id));
  const usable = rows.filter((r) => r.channel.imapAddress);
  return { rows: usable.slice(0, limit).map((r) => ({ ...r, fingerprint: fingerprintOf(r.channel) })), total: usable.length };
}

/** Full jitter over an exponential ceiling: reconnecting inboxes do not all knock at once. */
export function reconnectDelay(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

class Watch {
  client: ImapFlow | undefined;
  private timer: NodeJS.Timeout | undefined;
  private coalesce: NodeJS.Timeout | undefined;
  private attempt = 0;
  private hasConnected = false;
  private isStopped = false;

  constructor(
    readonly target: Watchable,
    private readonly options: Required<Pick<IdleWatcherOptions, "backoffMs" | "maxBackoffMs" | "requestPoll">> & { db: Db },
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.coalesce);
    const client = this.client;
    this.client = undefined;
    if (client) await client.logout().catch(() => client.close());
  }

  private async connect(): Promise<void> {
    if (this.isStopped) return;
    const { channel, inboxId, accountId } = this.target;
    const server: ImapServer = imapServerOf(channel);
    let client: ImapFlow | undefined;
    try {
      client = await openImapConnection(this.options.db, channel, inboxId, server, { idle: true });
      if (this.isStopped) return void (await client.logout().catch(() => undefined));
      if (!client.capabilities.has("IDLE")) {
        log.info("the IMAP server does not support IDLE: scheduled polls only", { accountId, inboxId, host: server.host });
        return void (await client.logout().catch(() => undefined));
      }
      await client.mailboxOpen(channel.imapFolder, { readOnly: true });
    } catch (error) {
      if (client) client.close();
      const refused = error instanceof ImapCredentialsError ? error.reconnectNeeded : describeImapError(error, server, channel.imapLogin || channel.email).reconnectNeeded;
      if (refused) {
        // The poll reports it to the admin; IDLE waits for new credentials (a new fingerprint).
        log.info("IDLE stopped: the login was refused", { accountId, inboxId });
        return;
      }
      log.info("IDLE connection failed, retrying", { accountId, inboxId, error: error instanceof Error ? error.message : String(error) });
      return this.retry();
    }

    this.client = client;
    const connectedAt = Date.now();
    client.on("exists", (change: { count: number; prevCount: number }) => {
      if (change.count > change.prevCount) this.newMail();
    });
    client.on("close", () => {
      if (this.client !== client) return;
      this.client = undefined;
      if (Date.now() - connectedAt >= HEALTHY_AFTER_MS) this.attempt = 0;
      log.info("IDLE connection closed, reconnecting", { accountId, inboxId });
      this.retry();
    });
    // Back after a failure: what arrived meanwhile was announced to nobody.
    if (this.hasConnected || this.attempt > 0) this.newMail();
    this.hasConnected = true;
    void this.idle(client);
  }

  /** IDLE until the connection ends; imapflow re-issues it every few minutes and after a keep-alive NOOP. */
  private async idle(client: ImapFlow): Promise<void> {
    while (!this.isStopped && this.client === client && client.usable && client.mailbox) {
      const started = Date.now();
      const ok = await client.idle().catch(() => false);
      if (ok === false) break;
      // Never spin: an IDLE that ended at once (nothing selected any more) is retried slowly.
      if (Date.now() - started < 100) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  private retry(): void {
    if (this.isStopped) return;
    const delay = reconnectDelay(this.attempt++, this.options.backoffMs, this.options.maxBackoffMs);
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref?.();
  }

  private newMail(): void {
    if (this.coalesce || this.isStopped) return;
    this.coalesce = setTimeout(() => {
      this.coalesce = undefined;
      const { accountId, inboxId } = this.target;
      this.options.requestPoll({ accountId, inboxId }).catch((error: unknown) => log.warn("could not ask for a poll", { accountId, inboxId, error: String(error) }));
    }, COALESCE_MS);
    this.coalesce.unref?.();
  }
}

export function startImapIdleWatcher(options: IdleWatcherOptions): IdleWatcher {
  const watches = new Map<number, Watch>();
  const refreshMs = options.refreshMs ?? 60_000;
  const watchOptions = {
    db: options.db,
    backoffMs: options.backoffMs ?? 1_000,
    maxBackoffMs: options.maxBackoffMs ?? 5 * 60_000,
    requestPoll: options.requestPoll ?? ((scope: Scope) => sendEvent(mailboxPollRequested.create(scope))),
  };
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  let lastOverflow = -1;
  let refreshing: Promise<void> | undefined;

  async function readList(): Promise<void> {
    const { rows, total } = await listWatchable(options.db, options.maxConnections);
    if (isStopped) return;
    if (total > rows.length && total !== lastOverflow) {
      log.warn("more IMAP inboxes than IMAP_IDLE_MAX_CONNECTIONS: the others are polled on their schedule only", { inboxes: total, idle: rows.length });
    }
    lastOverflow = total > rows.length ? total : -1;
    const wanted = new Map(rows.map((r) => [r.inboxId, r]));
    for (const [inboxId, watch] of watches) {
      if (wanted.get(inboxId)?.fingerprint === watch.target.fingerprint) continue;
      watches.delete(inboxId);
      void watch.stop();
    }
    for (const row of rows) {
      if (watches.has(row.inboxId)) continue;
      const watch = new Watch(row, watchOptions);
      watches.set(row.inboxId, watch);
      watch.start();
    }
  }

  const refresh = () => {
    refreshing ??= readList()
      .catch((error: unknown) => log.error("could not read the IMAP inboxes to watch", { error: String(error) }))
      .finally(() => (refreshing = undefined));
    return refreshing;
  };

  const loop = () => {
    if (isStopped) return;
    void refresh().finally(() => {
      if (isStopped) return;
      timer = setTimeout(loop, refreshMs);
      timer.unref?.();
    });
  };
  loop();

  return {
    refresh,
    connected: () => [...watches].filter(([, w]) => w.client?.usable).map(([id]) => id),
    stop: async () => {
      isStopped = true;
      clearTimeout(timer);
      await refreshing;
      const all = [...watches.values()];
      watches.clear();
      await Promise.allSettled(all.map((w) => w.stop()));
    },
  };
}
