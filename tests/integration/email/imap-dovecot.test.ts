import { expect, it } from "vitest";
import { describeDovecot, useDovecot } from "@/tests/support/dovecot";

describeDovecot("the test Dovecot", () => {
  const dovecot = useDovecot();

  it("takes mail by APPEND and serves it back over IMAP", async () => {
    await dovecot().addUser("support@example.test", "secret");
    const uid = await dovecot().appendMessage("support@example.test", "INBOX", "From: a@example.test\r\nSubject: Hello\r\nMessage-ID: <m1@example.test>\r\n\r\nBody\r\n");
    expect(uid).toBe(1);
    const client = await dovecot().connect("support@example.test");
    try {
      const lock = await client.getMailboxLock("INBOX");
      try {
        const message = await client.fetchOne("1", { envelope: true }, { uid: true });
        expect(message && message.envelope?.subject).toBe("Hello");
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  });

  it("refuses a wrong password", async () => {
    await dovecot().addUser("other@example.test", "right");
    const { ImapFlow } = await import("imapflow");
    const client = new ImapFlow({ host: dovecot().host, port: dovecot().port, secure: false, auth: { user: "other@example.test", pass: "wrong" }, logger: false });
    await expect(client.connect()).rejects.toThrow();
  });
});
