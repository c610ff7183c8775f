import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { sendEmail } from "@/inngest/functions/mail/send-email";
import { useTestDatabase } from "@/tests/support/db";

useTestDatabase();

describe("send-email job", () => {
  it("ends without an error or a retry when the message it was queued for is gone (deleted with its inbox)", async () => {
    const engine = new InngestTestEngine({ function: sendEmail });
    const { result, error } = await engine.execute({ events: [{ name: "mail/send.requested", data: { accountId: 1, messageId: 987654 } }] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "skipped", reason: "not_found" });
  });
});
