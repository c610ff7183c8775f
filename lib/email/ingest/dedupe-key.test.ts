import { describe, expect, it } from "vitest";
import { dedupeKey, rawMessageId, sha256Hex } from "./dedupe-key";

const mail = (headers: string, body = "Body with Message-ID: <not-this@x>") => Buffer.from(`${headers}\r\n\r\n${body}\r\n`);

describe("dedupe key of raw mail", () => {
  it("is the Message-ID without brackets, also when folded, with the hash of the content", () => {
    expect(rawMessageId(mail("From: a@b.c\r\nMessage-ID: <abc@example.test>"))).toBe("abc@example.test");
    expect(rawMessageId(mail("Message-Id:\r\n <folded@example.test>\r\nSubject: x"))).toBe("folded@example.test");
    const key = dedupeKey(mail("message-id: <abc@example.test>"));
    expect(key.key).toMatch(/^abc@example\.test content:[0-9a-f]{64}$/);
    expect(key.legacyKey).toBe("abc@example.test");
  });

  it("is the same for every copy of one message: transport headers and line ends do not count", () => {
    const original = mail("From: a@b.c\r\nSubject: Hi\r\nDate: Mon, 5 Jan 2026 10:00:00 +0000\r\nMessage-ID: <one@b.c>", "line 1\r\nline 2");
    const relayed = Buffer.from(`Received: from mx (mx)\r\nDelivered-To: desk@x.test\r\nReturn-Path: <a@b.c>\r\n${original.toString()}`.replace(/\r\n/g, "\n"));
    expect(dedupeKey(relayed).key).toBe(dedupeKey(original).key);
  });

  it("differs for a different message reusing the Message-ID (sender, date, subject or body)", () => {
    const base = { from: "From: a@b.c", subject: "Subject: Hi", date: "Date: Mon, 5 Jan 2026 10:00:00 +0000", body: "hello" };
    const build = (p: typeof base) => mail(`${p.from}\r\n${p.subject}\r\n${p.date}\r\nMessage-ID: <same@b.c>`, p.body);
    const keys = [
      base,
      { ...base, from: "From: other@b.c" },
      { ...base, subject: "Subject: Other" },
      { ...base, date: "Date: Tue, 6 Jan 2026 10:00:00 +0000" },
      { ...base, body: "a different body" },
    ].map((p) => dedupeKey(build(p)).key);
    expect(new Set(keys).size).toBe(5);
  });

  it("falls back to the hash of the bytes when the id is missing, malformed or doubled", () => {
    for (const headers of ["From: a@b.c", "Message-ID: <no-at-sign>", "Message-ID: <a@b>\r\nMessage-ID: <c@d>"]) {
      const raw = mail(headers);
      expect(dedupeKey(raw)).toEqual({ key: `sha256:${sha256Hex(raw)}`, sha256: sha256Hex(raw), messageId: null, legacyKey: null });
    }
  });

  it("does not read ids from the body", () => {
    expect(rawMessageId(mail("From: a@b.c"))).toBeNull();
  });
});
