import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { testEmailInboxConnection } from "@/lib/inboxes/email-test-connection";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { describeDovecot, useDovecot } from "../../support/dovecot";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";

const db = useTestDatabase();
const USER = "support@conn.test";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeDovecot("Test connection against real IMAP and SMTP servers", () => {
  const dovecot = useDovecot();
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    setEnvVar("ENCRYPTION_KEY", "test-connection-key");
    await dovecot().addUser(USER, "imap-good");
    smtp = await startSmtpServer({ users: { [USER]: "smtp-good" } });
  });
  afterAll(async () => {
    await smtp?.stop();
  });

  const channel = () => ({
    email: USER,
    imapAddress: dovecot().host,
    imapPort: dovecot().port,
    imapEnableSsl: false,
    imapPassword: "imap-good",
    smtpAddress: smtp.host,
    smtpPort: smtp.port,
    smtpEnableStarttlsAuto: false,
    smtpPassword: "smtp-good",
  });

  it("reports each step in words when everything works, creating the processed folder", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: channel() });
    expect(steps).toEqual([
      { step: "imap_login", ok: true, message: `Signed in to ${dovecot().host} as ${USER}` },
      { step: "imap_folder", ok: true, message: "Folder INBOX exists (0 messages)" },
      { step: "imap_processed_folder", ok: true, message: "Folder Processed was created; imported mail will be moved there" },
      { step: "smtp", ok: true, message: `Connected to ${smtp.host}:${smtp.port} and signed in as ${USER}` },
    ]);
    const again = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: channel() });
    expect(again[2]).toMatchObject({ ok: true, message: "Folder Processed exists; imported mail will be moved there" });
  });

  it("says which password was refused, which folder is missing and which server cannot be reached", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const actor = userActor(admin.id);
    const wrong = await testEmailInboxConnection(db(), actor, account.id, { channel: { ...channel(), imapPassword: "nope", smtpPassword: "nope" } });
    expect(wrong).toEqual([
      { step: "imap_login", ok: false, message: `The IMAP server refused the password for ${USER}` },
      expect.objectContaining({ step: "smtp", ok: false, message: expect.stringMatching(new RegExp(`^The SMTP server refused the password for ${USER}`)) }),
    ]);
    const folder = await testEmailInboxConnection(db(), actor, account.id, { channel: { ...channel(), imapFolder: "Support/Tickets", imapAfterImport: "leave" } });
    expect(folder[1]).toEqual({ step: "imap_folder", ok: false, message: `Folder Support/Tickets does not exist on ${dovecot().host}` });
    expect(folder).toHaveLength(3);

    const port = await closedPort();
    const started = Date.now();
    const down = await testEmailInboxConnection(db(), actor, account.id, { channel: { ...channel(), imapPort: port, smtpPort: port } });
    expect(down).toEqual([
      { step: "imap_login", ok: false, message: `Could not reach 127.0.0.1:${port}: connection refused` },
      { step: "smtp", ok: false, message: `Could not reach 127.0.0.1:${port}: connection refused` },
    ]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("gives up on a server that accepts the connection but never answers, in about 10 seconds", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: { ...channel(), imapPort: port, smtpPort: port } });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(steps.map((s) => s.ok)).toEqual([false, false]);
      expect(steps[0].message).toMatch(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port}: .*10 seconds`));
      expect(steps[1].message).toMatch(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port}: .*10 seconds`));
    } finally {
      silent.close();
    }
  }, 40_000);

  it("uses the stored passwords when the fields are left blank on an existing inbox, and is for administrators only", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const inbox = await createEmailInbox(db(), userActor(admin.id), account.id, { name: "Conn", channel: { ...channel(), email: "conn@other.test", imapLogin: USER, smtpLogin: USER } });
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, {
      inboxId: inbox.id,
      channel: { ...channel(), imapPassword: "", smtpPassword: "" },
    });
    expect(steps.every((s) => s.ok)).toBe(true);
    await expect(testEmailInboxConnection(db(), userActor(agent.id), account.id, { channel: channel() })).rejects.toMatchObject({ code: "forbidden" });
  });
});
