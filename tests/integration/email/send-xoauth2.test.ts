import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setEnvVar } from "@/lib/env";
import { SmtpSendError, sendViaSmtp } from "@/lib/mailbox/smtp/send-smtp";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startSmtpServer } from "@/tests/support/smtp-server";
import { createEmailInboxRow } from "./send-helpers";

/** OAuth2 mailboxes (issue 4) send over SMTP with XOAUTH2: the access token replaces the password. */
const db = useTestDatabase();
beforeAll(() => setEnvVar("ENCRYPTION_KEY", "send-xoauth2-key-send-xoauth2-key"));
afterAll(() => setEnvVar("ENCRYPTION_KEY", ""));

describe("SMTP with XOAUTH2", () => {
  it("logs in with the access token as the mailbox address, and a wrong token is a permanent refusal", async () => {
    const smtp = await startSmtpServer({ accessTokens: { "shared@example.test": "token-123" } });
    try {
      const { account } = await f.createWorkspace(db());
      const { channel } = await createEmailInboxRow(db(), account.id, {
        email: "shared@example.test",
        smtp: { host: smtp.host, port: smtp.port, login: "shared@example.test", password: "unused" },
      });
      const raw = Buffer.from("From: shared@example.test\r\nTo: a@customer.test\r\nSubject: Hi\r\n\r\nHello\r\n");
      const envelope = { from: "shared@example.test", to: ["a@customer.test"] };

      const result = await sendViaSmtp(channel, envelope, raw, { accessToken: "token-123" });
      expect(result.providerMessageId).toBe("TEST1");
      expect(smtp.messages[0].user).toBe("shared@example.test");

      const refused = await sendViaSmtp(channel, envelope, raw, { accessToken: "expired" }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SmtpSendError);
      expect(refused).toMatchObject({ permanent: true, responseCode: 535 });
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });
});
