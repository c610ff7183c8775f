import { describe, expect, it } from "vitest";
import { dedupeKey, rawMessageId, sha256Hex } from "./dedupe-key";

const mail = (headers: string) => Buffer.from(`${headers}\r\n\r\nBody with Message-ID: <not-this@x>\r\n`);

describe("dedupe key of raw mail", () => {
  it("is the Message-ID without brackets, also when folded", () => {
    expect(rawMessageId(mail("From: a@b.c\r\nMessage-ID: <abc@example.test>"))).toBe("abc@example.test");
    expect(rawMessageId(mail("Message-Id:\r\n <folded@example.test>\r\nSubject: x"))).toBe("folded@example.test");
    expect(dedupeKey(mail("message-id: <abc@example.test>")).key).toBe("abc@example.test");
  });

  it("falls back to the hash of the bytes when the id is missing, malformed or doubled", () => {
    for (const headers of ["From: a@b.c", "Message-ID: <no-at-sign>", "Message-ID: <a@b>\r\nMessage-ID: <c@d>"]) {
      const raw = mail(headers);
      expect(dedupeKey(raw)).toEqual({ key: `sha256:${sha256Hex(raw)}`, sha256: sha256Hex(raw), messageId: null });
    }
  });

  it("does not read ids from the body", () => {
    expect(rawMessageId(mail("From: a@b.c"))).toBeNull();
  });
});
