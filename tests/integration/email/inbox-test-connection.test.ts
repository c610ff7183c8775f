import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { updateEmailInbox } from "@/lib/inboxes/update-email-inbox";
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

  const imapPlain = (port: number) => ({
    step: "imap_tls",
    ok: true,
    warning: true,
    message: `IMAP: 127.0.0.1:${port} does not offer STARTTLS, so Postdesk signed in without encryption (password and mail travel unencrypted). Choose SSL/TLS or a port that offers STARTTLS if the server has one`,
  });
  const smtpPlain = (port: number) => ({
    step: "smtp_tls",
    ok: true,
    warning: true,
    message: `SMTP: no encryption was chosen, so the password and mail travel unencrypted to 127.0.0.1:${port}`,
  });

  it("reports each step in words when everything works, and changes nothing (the processed folder is created on save)", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: channel() });
    expect(steps).toEqual([
      { step: "imap_login", ok: true, message: `Signed in to ${dovecot().host} as ${USER}` },
      imapPlain(dovecot().port),
      { step: "imap_folder", ok: true, message: "Folder INBOX exists (0 messages)" },
      { step: "imap_processed_folder", ok: true, message: "Folder Processed does not exist and will be created when you save" },
      { step: "smtp", ok: true, message: `Connected to ${smtp.host}:${smtp.port} and signed in as ${USER}` },
      smtpPlain(smtp.port),
    ]);
    const client = await dovecot().connect(USER);
    try {
      expect((await client.list()).map((folder) => folder.path)).not.toContain("Processed");
      await client.mailboxCreate("Processed");
    } finally {
      await client.logout();
    }
    const again = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: channel() });
    expect(again[3]).toEqual({ step: "imap_processed_folder", ok: true, message: "Folder Processed exists; imported mail will be moved there" });
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
    expect(folder[2]).toEqual({ step: "imap_folder", ok: false, message: `Folder Support/Tickets does not exist on ${dovecot().host}` });
    expect(folder.map((s) => s.step)).toEqual(["imap_login", "imap_tls", "imap_folder", "smtp", "smtp_tls"]);

    const port = await closedPort();
    const started = Date.now();
    const down = await testEmailInboxConnection(db(), actor, account.id, { channel: { ...channel(), imapPort: port, smtpPort: port } });
    expect(down).toEqual([
      { step: "imap_login", ok: false, message: `Could not connect to 127.0.0.1:${port}` },
      { step: "smtp", ok: false, message: `Could not connect to 127.0.0.1:${port}` },
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
      // The same words as a closed port: a silent port is not told apart (no port scanning).
      expect(steps.map((s) => s.message)).toEqual([`Could not connect to 127.0.0.1:${port}`, `Could not connect to 127.0.0.1:${port}`]);
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

  it("answers a closed port and a port that hangs up at once with the same words (no port scanning)", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const hangUp = net.createServer((socket) => socket.destroy());
    const banner = net.createServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\n"));
    await Promise.all([hangUp, banner].map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))));
    try {
      const closed = await closedPort();
      const answers: string[] = [];
      for (const port of [closed, (hangUp.address() as net.AddressInfo).port, (banner.address() as net.AddressInfo).port]) {
        const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: { ...channel(), imapPort: port, smtpPort: port } });
        answers.push(...steps.map((step) => step.message.replace(`:${port}`, ":PORT")));
      }
      expect(new Set(answers)).toEqual(new Set(["Could not connect to 127.0.0.1:PORT"]));
    } finally {
      hangUp.close();
      banner.close();
    }
  });

  it("says in words that a plain server does not speak TLS when SSL/TLS is chosen", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: { ...channel(), imapEnableSsl: true, smtpEnableSslTls: true } });
    expect(steps).toEqual([
      { step: "imap_login", ok: false, message: `The server does not speak TLS on port ${dovecot().port} — try STARTTLS, or port 993` },
      { step: "smtp", ok: false, message: `The server does not speak TLS on port ${smtp.port} — try STARTTLS, or port 465` },
    ]);
    expect(steps.map((step) => step.message).join()).not.toMatch(/SSL routines|wrong version number/);
  });

  it("warns when STARTTLS when offered ends up signing in without TLS", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: { ...channel(), smtpEnableStarttlsAuto: true } });
    expect(steps).toContainEqual(imapPlain(dovecot().port));
    expect(steps).toContainEqual({
      step: "smtp_tls",
      ok: true,
      warning: true,
      message: `SMTP: 127.0.0.1:${smtp.port} does not offer STARTTLS, so Postdesk signed in without encryption (password and mail travel unencrypted). Choose SSL/TLS or a port that offers STARTTLS if the server has one`,
    });
  });

  it("states plainly that None (unencrypted) was chosen, and the inbox keeps that choice", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const none = { ...channel(), imapEnableStarttlsAuto: false };
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: none });
    expect(steps).toContainEqual({ step: "imap_tls", ok: true, warning: true, message: `IMAP: no encryption was chosen, so the password and mail travel unencrypted to 127.0.0.1:${dovecot().port}` });
    // Addresses and mailboxes are unique on the installation: another address and folder for this one.
    const inbox = await createEmailInbox(db(), userActor(admin.id), account.id, {
      name: "Plain",
      channel: { ...none, email: "plain@conn.test", imapLogin: USER, smtpLogin: USER, imapFolder: "Plain" },
    });
    expect(inbox.email).toMatchObject({ imapEnableSsl: false, imapEnableStarttlsAuto: false });
  });

  it("never sends a stored password to a server other than the one it was entered for", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const actor = userActor(admin.id);
    const inbox = await createEmailInbox(db(), actor, account.id, {
      name: "Secrets",
      channel: { ...channel(), email: "secrets@conn.test", imapLogin: USER, smtpLogin: USER, imapFolder: "Secrets", smtpAuthentication: "plain" },
    });
    // The attacker's listeners: an SMTP server that takes any login, an IMAP greeter that records everything.
    const evilSmtp = await startSmtpServer({ users: { [USER]: "anything" } });
    const received: string[] = [];
    const evilImap = net.createServer((socket) => {
      socket.write("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN] ready\r\n");
      socket.on("data", (data) => {
        received.push(data.toString());
        const tag = data.toString().split(" ")[0];
        socket.write(`${tag} NO go away\r\n`);
      });
    });
    await new Promise<void>((resolve) => evilImap.listen(0, "127.0.0.1", resolve));
    const evilImapPort = (evilImap.address() as net.AddressInfo).port;
    try {
      const moved = { ...channel(), smtpAuthentication: "plain" as const, imapPort: evilImapPort, smtpPort: evilSmtp.port, imapPassword: "", smtpPassword: "" };
      const reenter = "IMAP password: Re-enter the password: the server settings changed. SMTP password: Re-enter the password: the server settings changed";
      await expect(testEmailInboxConnection(db(), actor, account.id, { inboxId: inbox.id, channel: moved })).rejects.toMatchObject({ code: "invalid", message: reenter });
      await expect(updateEmailInbox(db(), actor, account.id, inbox.id, { channel: { imapPort: evilImapPort, smtpPort: evilSmtp.port } })).rejects.toMatchObject({ message: reenter });
      // A changed login, TLS choice or authentication method is another destination too.
      for (const change of [{ smtpLogin: "other@conn.test" }, { smtpEnableStarttlsAuto: true }, { smtpAuthentication: "login" as const }]) {
        await expect(testEmailInboxConnection(db(), actor, account.id, { inboxId: inbox.id, channel: { ...channel(), smtpAuthentication: "plain", ...change, imapPassword: "imap-good", smtpPassword: "" } })).rejects.toMatchObject({
          message: "SMTP password: Re-enter the password: the server settings changed",
        });
      }
      expect(evilSmtp.logins).toEqual([]);
      expect(received.join("")).not.toContain("imap-good");
      // Entered again, the password goes where the admin sent it, as typed.
      const retyped = await testEmailInboxConnection(db(), actor, account.id, { inboxId: inbox.id, channel: { ...moved, smtpPassword: "typed-now" } }).catch((e: Error) => e);
      expect(retyped).toMatchObject({ message: "IMAP password: Re-enter the password: the server settings changed" });
      const smtpOnly = await testEmailInboxConnection(db(), actor, account.id, { inboxId: inbox.id, channel: { ...moved, imapEnabled: false, smtpPassword: "typed-now" } });
      expect(smtpOnly[0]).toMatchObject({ step: "smtp", ok: false });
      expect(evilSmtp.logins).toEqual([{ user: USER, password: "typed-now" }]);
    } finally {
      await evilSmtp.stop();
      evilImap.close();
    }
  });
});
