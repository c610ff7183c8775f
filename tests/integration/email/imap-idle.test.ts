import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { channelEmail, messages } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secrets";
import { env, setEnvVar } from "@/lib/env";
import { shouldRunImapIdle } from "@/lib/mailbox/imap/idle-service";
import { reconnectDelay, startImapIdleWatcher, type IdleWatcher } from "@/lib/mailbox/imap/idle-watcher";
import { createAccount } from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { describeDovecot, useDovecot } from "@/tests/support/dovecot";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { useJobRunner } from "@/tests/support/job-runner";
import { startTcpProxy, type TcpProxy } from "@/tests/support/tcp-proxy";

/**
 * IMAP IDLE on a long-running host: mail appended to the mailbox is imported within seconds, by a
 * poll the watcher asks for (no scheduled poll is due: the inboxes poll hourly and no cron runs),
 * also after the connection dropped; the watcher follows the inbox list (disabled, refused login,
 * new password) and holds at most IMAP_IDLE_MAX_CONNECTIONS connections.
 */
const db = useTestDatabase();
useJobRunner(db);

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "imap-idle-test-key");
});

let watcher: IdleWatcher | undefined;
let proxy: TcpProxy | undefined;
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
  await proxy?.close();
  proxy = undefined;
});

async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 8_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function incoming(inboxId: number) {
  return db().select({ id: messages.id }).from(messages).where(and(eq(messages.inboxId, inboxId), eq(messages.messageType, "incoming")));
}

const watch = (options: { maxConnections?: number } = {}) =>
  (watcher = startImapIdleWatcher({ db: db(), maxConnections: options.maxConnections ?? 10, refreshMs: 3_600_000, backoffMs: 100, maxBackoffMs: 400 }));

describeDovecot("IMAP IDLE", () => {
  const dovecot = useDovecot();

  async function setup(options: { port?: number; password?: string } = {}) {
    const account = await createAccount(db());
    const email = `idle-${Math.random().toString(36).slice(2, 10)}@example.test`;
    await dovecot().addUser(email, "right-password");
    const { inbox, channel } = await createEmailInboxRow(db(), account.id, {
      email,
      imap: { host: dovecot().host, port: options.port ?? dovecot().port, password: options.password ?? "right-password" },
      pollIntervalSeconds: 3600,
    });
    // Polled an hour from now: only IDLE can bring mail in during the test.
    await db().update(channelEmail).set({ nextPollAt: new Date(Date.now() + 3_600_000) }).where(eq(channelEmail.id, channel.id));
    const deliver = (id: string) => dovecot().appendMessage(email, "INBOX", rawMail({ messageId: `${id}@example.org`, to: email }));
    return { account, inbox, channel, email, deliver };
  }

  it("imports mail within seconds of its arrival, without a scheduled poll", async () => {
    const s = await setup();
    const w = watch();
    await until("the IDLE connection", () => w.connected().includes(s.inbox.id));
    const appended = Date.now();
    await s.deliver("idle-1");
    await until("the imported message", async () => (await incoming(s.inbox.id)).length === 1);
    expect(Date.now() - appended).toBeLessThan(5_000);
    await s.deliver("idle-2");
    await until("the second message", async () => (await incoming(s.inbox.id)).length === 2);
  });

  it("reconnects after the connection drops, and imports what came meanwhile", async () => {
    proxy = await startTcpProxy(() => dovecot().port);
    const s = await setup({ port: proxy.port });
    const w = watch();
    await until("the IDLE connection", () => w.connected().includes(s.inbox.id));
    expect(proxy.drop()).toBeGreaterThan(0);
    await until("the watcher to notice", () => !w.connected().includes(s.inbox.id));
    await s.deliver("while-down");
    await new Promise((resolve) => setTimeout(resolve, 500));
    proxy.restore();
    await until("the message that came while the connection was down", async () => (await incoming(s.inbox.id)).length === 1);
    await until("the IDLE connection again", () => w.connected().includes(s.inbox.id));
    await s.deliver("after-reconnect");
    await until("mail after the reconnection", async () => (await incoming(s.inbox.id)).length === 2);
  });

  it("follows the inbox list: IMAP turned off, a refused login, a new password", async () => {
    const off = await setup();
    const refused = await setup({ password: "wrong-password" });
    const w = watch();
    await until("the IDLE connection", () => w.connected().includes(off.inbox.id));

    await db().update(channelEmail).set({ imapEnabled: false }).where(eq(channelEmail.id, off.channel.id));
    await w.refresh();
    expect(w.connected()).not.toContain(off.inbox.id);

    // A refused login is not retried (it could lock the mailbox) until the password changes.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(w.connected()).not.toContain(refused.inbox.id);
    await db().update(channelEmail).set({ imapPasswordEnc: encryptSecret("right-password") }).where(eq(channelEmail.id, refused.channel.id));
    await w.refresh();
    await until("the IDLE connection with the new password", () => w.connected().includes(refused.inbox.id));
    await refused.deliver("after-new-password");
    await until("the imported message", async () => (await incoming(refused.inbox.id)).length === 1);
  });

  it("holds at most the configured number of connections", async () => {
    await db().update(channelEmail).set({ imapEnabled: false });
    const first = await setup();
    const second = await setup();
    const w = watch({ maxConnections: 1 });
    await until("one IDLE connection", () => w.connected().length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(w.connected()).toEqual([Math.min(first.inbox.id, second.inbox.id)]);
  });

  it("backs off exponentially with jitter", () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(300_000, 1_000 * 2 ** attempt);
      const delay = reconnectDelay(attempt, 1_000, 300_000);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});

describe("where IMAP IDLE runs", () => {
  it("auto: where the embedded job runner runs (no Inngest); on: with Inngest too; off: never", () => {
    const saved = { IMAP_IDLE: env().IMAP_IDLE, INNGEST_EVENT_KEY: env().INNGEST_EVENT_KEY ?? "", DATABASE_URL: env().DATABASE_URL ?? "" };
    try {
      setEnvVar("DATABASE_URL", saved.DATABASE_URL || "postgres://localhost/postdesk");
      setEnvVar("IMAP_IDLE", "");
      setEnvVar("INNGEST_EVENT_KEY", "");
      expect(shouldRunImapIdle()).toBe(true);
      setEnvVar("INNGEST_EVENT_KEY", "serverless-key");
      expect(shouldRunImapIdle()).toBe(false);
      setEnvVar("IMAP_IDLE", "on");
      expect(shouldRunImapIdle()).toBe(true);
      setEnvVar("IMAP_IDLE", "off");
      setEnvVar("INNGEST_EVENT_KEY", "");
      expect(shouldRunImapIdle()).toBe(false);
    } finally {
      for (const [name, value] of Object.entries(saved)) setEnvVar(name as keyof typeof saved, value);
    }
  });
});
