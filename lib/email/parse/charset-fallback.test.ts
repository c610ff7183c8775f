import { describe, expect, it } from "vitest";
import { isKnownCharset, withKnownCharsets } from "./charset-fallback";

describe("charset label fallback", () => {
  it("knows the labels the MIME library decodes and rejects made-up ones", () => {
    for (const label of ["utf-8", "ISO-8859-1", "windows-1251", "cp1252", "win-1252", "KOI8-R", "Shift_JIS", "ISO-2022-JP", "GBK", "Big5", "UTF-16", "utf-7", "ks_c_5601-1987", "us-ascii"]) {
      expect(isKnownCharset(label), label).toBe(true);
    }
    for (const label of ["unknown-8bit", "x-totally-unknown-42", "x-user-defined-ish", "charset"]) {
      expect(isKnownCharset(label), label).toBe(false);
    }
  });

  it("returns the very same buffer when every label is known", () => {
    const raw = Buffer.from("Content-Type: text/plain; charset=iso-8859-1\r\n\r\ncaf\xe9", "latin1");
    expect(withKnownCharsets(raw)).toBe(raw);
  });

  it("changes only the unknown label, byte for byte elsewhere", () => {
    const raw = Buffer.from("Subject: x\r\nContent-Type: text/plain;\r\n charset=\"unknown-8bit\"\r\n\r\ncaf\xe9", "latin1");
    const fixed = withKnownCharsets(raw);
    expect(fixed.toString("latin1")).toBe("Subject: x\r\nContent-Type: text/plain;\r\n charset=\"windows-1252\"\r\n\r\ncaf\xe9");
  });
});
