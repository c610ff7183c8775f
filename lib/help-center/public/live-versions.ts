import type postgres from "postgres";

/** The channel the database announces new portal cache versions on (migration 0033). */
export const VERSION_CHANNEL = "help_center_version";

type Entry = { version: number; checkedAt: number };

/**
 * The current cache version of each portal this process serves, kept in memory: LISTEN on
 * VERSION_CHANNEL moves it forward at each commit that changes a portal, so a page held in memory
 * is dropped without a query per request. Each entry is also re-read from the database at most
 * every `recheckMs` (a notification lost while the listening connection reconnects is then stale
 * for that long at most); while not listening nothing is trusted and every request reads.
 */
export class PortalVersions {
  private entries = new Map<number, Entry>();
  private reading = new Map<number, Promise<number>>();
  private listening = false;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly sql: postgres.Sql, private readonly recheckMs = 2000) {}

  async start(): Promise<void> {
    const { unlisten } = await this.sql.listen(VERSION_CHANNEL, (payload) => this.onNotify(payload), () => {
      // (Re)connected: whatever was announced meanwhile was missed.
      this.entries.clear();
      this.listening = true;
    });
    this.unlisten = unlisten;
  }

  /** The version to trust now, or undefined when it must be read first (read()). */
  current(portalId: number): number | undefined {
    const entry = this.entries.get(portalId);
    if (!entry || !this.listening || performance.now() - entry.checkedAt > this.recheckMs) return undefined;
    return entry.version;
  }

  /** Reads the version from the database (one request at a time per portal). */
  read(portalId: number): Promise<number> {
    const pending = this.reading.get(portalId);
    if (pending) return pending;
    const checkedAt = performance.now();
    const promise = this.sql<{ version: string }[]>`select version from help_center_cache_versions where portal_id = ${portalId}`
      .then(([row]) => {
        // A notification may have moved it on while the query ran: versions only grow.
        const version = Math.max(Number(row?.version ?? 0), this.entries.get(portalId)?.version ?? 0);
        this.entries.set(portalId, { version, checkedAt });
        return version;
      })
      .finally(() => this.reading.delete(portalId));
    this.reading.set(portalId, promise);
    return promise;
  }

  private onNotify(payload: string): void {
    const [id, version] = payload.split(":").map(Number);
    if (!Number.isSafeInteger(id) || !Number.isSafeInteger(version)) return;
    const entry = this.entries.get(id);
    if (entry) entry.version = Math.max(entry.version, version);
    // Not known yet (a read may be under way): kept as unchecked, for that read to take the larger.
    else this.entries.set(id, { version, checkedAt: -Infinity });
  }

  async stop(): Promise<void> {
    this.listening = false;
    this.entries.clear();
    await this.unlisten?.();
  }
}
