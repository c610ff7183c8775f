import http from "node:http";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeDovecot, startDovecot, type Dovecot } from "@/tests/support/dovecot";

/**
 * The test Dovecot with the oauth2 passdb (for OAuth2 mailboxes): Dovecot asks a local fake
 * identity provider to introspect the token, as it would ask Google or Microsoft's.
 */
describeDovecot("the test Dovecot with XOAUTH2", () => {
  let idp: http.Server;
  let dovecot: Dovecot;
  const tokens = new Map([["token-for-shared", "shared@example.test"]]);

  beforeAll(async () => {
    idp = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const token = new URLSearchParams(body).get("token") ?? (req.headers.authorization ?? "").replace(/^Bearer /, "");
        const email = tokens.get(token);
        res.writeHead(email ? 200 : 401, { "content-type": "application/json" });
        res.end(JSON.stringify(email ? { active: true, email } : { active: false }));
      });
    });
    await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
    const address = idp.address();
    const port = typeof address === "object" && address ? address.port : 0;
    dovecot = await startDovecot({ oauth2IntrospectionUrl: `http://127.0.0.1:${port}/introspect` });
  }, 30_000);

  afterAll(async () => {
    await dovecot?.stop();
    await new Promise((resolve) => idp?.close(resolve));
  });

  const login = (accessToken: string) =>
    new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: "shared@example.test", accessToken }, logger: false });

  it("lets a mailbox in with a token the identity provider vouches for, and refuses another", async () => {
    const client = login("token-for-shared");
    await client.connect();
    const status = await client.status("INBOX", { messages: true });
    expect(status && status.messages).toBe(0);
    await client.logout();

    await expect(login("stolen-token").connect()).rejects.toThrow();
  });
});
