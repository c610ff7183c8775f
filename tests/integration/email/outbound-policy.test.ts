import http from "node:http";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChannelEmail } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { createEmailInbox } from "@/lib/inboxes/create-email-inbox";
import { testEmailInboxConnection } from "@/lib/inboxes/email-test-connection";
import { emailApiSettingsInput } from "@/lib/mailbox/email-api/settings";
import { sendViaSmtp } from "@/lib/mailbox/smtp/send-smtp";
import { outboundFetch } from "@/lib/net/outbound-fetch";
import * as f from "../../factories";
import { useTestDatabase } from "../../support/db";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server";

/**
 * The outbound address policy as an administrator (or an attacker with an admin role in their own
 * tenant) meets it: Test connection, saving an inbox, sending, and the email-API base URL refuse
 * every spelling of this machine, the private network and the metadata service, in words naming
 * the setting that allows them; nothing connects. The settings let exactly what they name through.
 */
const db = useTestDatabase();
const USER = "support@ssrf.test";
const ALLOW_HINT = "set OUTBOUND_ALLOW_PRIVATE=true to let Postdesk reach servers on your network";

describe("outbound address policy for user-typed hosts", () => {
  let smtp: TestSmtpServer;
  let connections = 0;
  const counter = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  let counterPort = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer({ users: { [USER]: "smtp-good" } });
    await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
    counterPort = (counter.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await smtp?.stop();
    counter.close();
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
    setEnvVar("OUTBOUND_ALLOWED_HOSTS", "");
  });
  // The default of `npm start`: nothing private is allowed.
  const strict = () => {
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "false");
    setEnvVar("OUTBOUND_ALLOWED_HOSTS", "");
  };
  afterEach(strict);

  const channel = (host: string, port: number) => ({
    email: USER,
    imapAddress: host,
    imapPort: port,
    imapEnableSsl: false,
    imapPassword: "x",
    smtpAddress: host,
    smtpPort: port,
    smtpEnableStarttlsAuto: false,
    smtpPassword: "smtp-good",
  });

  const variants: Array<[string, string]> = [
    ["127.0.0.1", "127.0.0.1 is a loopback address (this server itself)"],
    ["localhost", "localhost (127.0.0.1) is a loopback address (this server itself)"],
    ["2130706433", "2130706433 is a loopback address (this server itself)"],
    ["0x7f.1", "0x7f.1 is a loopback address (this server itself)"],
    ["0177.0.0.1", "0177.0.0.1 is a loopback address (this server itself)"],
    ["[::ffff:127.0.0.1]", "::ffff:127.0.0.1 is a loopback address (this server itself)"],
    ["[::1]", "::1 is a loopback address (this server itself)"],
    ["10.20.30.40", "10.20.30.40 is a private address"],
    ["192.168.1.1", "192.168.1.1 is a private address"],
  ];

  it.each(variants)("Test connection refuses %s by default, in words, without connecting", async (host, words) => {
    strict();
    const { account, admin } = await f.createWorkspace(db());
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: channel(host, counterPort) });
    const expected = `${words}; ${ALLOW_HINT} (or list it in OUTBOUND_ALLOWED_HOSTS)`;
    expect(steps).toEqual([
      { step: "imap_login", ok: false, message: expected },
      { step: "smtp", ok: false, message: expected },
    ]);
    expect(connections).toBe(0);
  });

  it("refuses the cloud metadata address even when private addresses are allowed", async () => {
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
    const { account, admin } = await f.createWorkspace(db());
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: { ...channel("169.254.169.254", 80), imapEnabled: false } });
    expect(steps).toEqual([
      {
        step: "smtp",
        ok: false,
        message: "169.254.169.254 is a link-local address (where cloud metadata services live); Postdesk connects there only when it is listed in OUTBOUND_ALLOWED_HOSTS",
      },
    ]);
  });

  it("keeps the DNS wording for a host that does not exist", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const steps = await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: { ...channel("imap.does-not-exist.invalid", 993), smtpEnabled: false } });
    expect(steps).toEqual([{ step: "imap_login", ok: false, message: "Could not reach imap.does-not-exist.invalid:993: no such host" }]);
  });

  it("lets a listed host, or private addresses when allowed, through", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const smtpOnly = { ...channel("127.0.0.1", smtp.port), imapEnabled: false };
    setEnvVar("OUTBOUND_ALLOWED_HOSTS", "mail.example.lan, 127.0.0.1");
    expect(await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: smtpOnly })).toContainEqual({
      step: "smtp",
      ok: true,
      message: `Connected to 127.0.0.1:${smtp.port} and signed in as ${USER}`,
    });
    strict();
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
    expect((await testEmailInboxConnection(db(), userActor(admin.id), account.id, { channel: { ...smtpOnly, smtpAddress: "localhost" } }))[0]).toMatchObject({ ok: true });
  });

  it("saving an inbox refuses the host beside its field, and sending refuses it too", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const error = await createEmailInbox(db(), userActor(admin.id), account.id, { name: "SSRF", channel: { ...channel("0x7f.1", 993), smtpAddress: "169.254.169.254" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "invalid",
      message: `IMAP host: 0x7f.1 is a loopback address (this server itself); ${ALLOW_HINT} (or list it in OUTBOUND_ALLOWED_HOSTS). SMTP host: 169.254.169.254 is a link-local address (where cloud metadata services live); Postdesk connects there only when it is listed in OUTBOUND_ALLOWED_HOSTS`,
      details: { issues: [expect.objectContaining({ path: "channel.imapAddress" }), expect.objectContaining({ path: "channel.smtpAddress" })] },
    });

    // An inbox saved while private addresses were allowed stops sending there once they are not.
    const row = { provider: "password", email: USER, smtpAddress: "127.0.0.1", smtpPort: smtp.port, smtpLogin: USER, smtpPasswordEnc: null, smtpAuthentication: "none", smtpEnableSslTls: false, smtpEnableStarttlsAuto: false, smtpDomain: null };
    await expect(sendViaSmtp(row as unknown as ChannelEmail, { from: USER, to: ["a@b.test"] }, Buffer.from("Subject: x\r\n\r\nx"))).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining("127.0.0.1 is a loopback address"),
    });
    expect(smtp.messages).toHaveLength(0);
  });

  it("refuses an email-API base URL on this machine unless allowed", () => {
    const parse = (baseUrl: string) => emailApiSettingsInput.safeParse({ domain: "mg.example.test", region: "custom", baseUrl, apiKey: "k" });
    expect(parse(`http://127.0.0.1:${counterPort}`).error?.issues[0]?.message).toBe(`127.0.0.1 is a loopback address (this server itself); ${ALLOW_HINT} (or list it in OUTBOUND_ALLOWED_HOSTS)`);
    expect(parse("https://169.254.169.254").error?.issues[0]?.message).toMatch(/^169\.254\.169\.254 is a link-local address/);
    expect(parse("https://[::ffff:a00:1]").error?.issues[0]?.message).toMatch(/is a private address/);
    setEnvVar("OUTBOUND_ALLOW_PRIVATE", "true");
    expect(parse(`http://127.0.0.1:${counterPort}`).success).toBe(true);
  });

  it("checks every redirect hop and the DNS answers of each host", async () => {
    setEnvVar("OUTBOUND_ALLOWED_HOSTS", "127.0.0.1");
    const api = http.createServer((req, res) => {
      if (req.url === "/to-metadata") res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      else if (req.url === "/to-other-loopback") res.writeHead(307, { location: `http://127.0.0.2:${counterPort}/` }).end();
      else if (req.url === "/to-self") res.writeHead(302, { location: "/ok" }).end();
      else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(api.address() as net.AddressInfo).port}`;
    try {
      expect(await (await outboundFetch(`${base}/to-self`)).json()).toEqual({ ok: true });
      await expect(outboundFetch(`${base}/to-metadata`)).rejects.toThrow("169.254.169.254 is a link-local address");
      await expect(outboundFetch(`${base}/to-other-loopback`)).rejects.toThrow("127.0.0.2 is a loopback address");
      // A name whose DNS answer is private (rebinding) is refused at connect time.
      const resolver = async () => [{ address: "10.0.0.7", family: 4 }];
      await expect(outboundFetch(`http://api.attacker.test:${counterPort}/`, { resolver })).rejects.toThrow("api.attacker.test (10.0.0.7) is a private address");
      expect(connections).toBe(0);
    } finally {
      api.close();
    }
  });
});
