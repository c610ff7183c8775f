import { createHash } from "node:crypto";
import { normalizeMessageId } from "@/lib/email/ids";

/**
 * The exactly-once key of an inbound message (docs/email.md, Ingestion), computed from the raw bytes BEFORE
 * parsing, so even mail that later fails to parse is stored once: the Message-ID without angle
 * brackets, or `sha256:<hex of the bytes>` when the header is missing or malformed.
 */
export function sha256Hex(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex");
}

export function dedupeKey(raw: Buffer): { key: string; sha256: string; messageId: string | null } {
  const sha256 = sha256Hex(raw);
  const messageId = rawMessageId(raw);
  return { key: messageId ?? `sha256:${sha256}`, sha256, messageId };
}

/** The Message-ID header of the header section (first 64 KiB), unfolded; null when absent or not an id. */
export function rawMessageId(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const section = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, " ");
  const values = section
    .split(/\r?\n/)
    .filter((line) => /^message-id\s*:/i.test(line))
    .map((line) => line.slice(line.indexOf(":") + 1).trim());
  // Two Message-ID headers make the message ambiguous: hash it rather than guess.
  if (values.length !== 1) return null;
  const bracketed = /<([^<>]*)>/.exec(values[0]);
  const id = normalizeMessageId(bracketed ? bracketed[1] : values[0]);
  // A key longer than this is junk, not an id; the hash is safer for the unique index.
  return id && id.length <= 500 ? id : null;
}
