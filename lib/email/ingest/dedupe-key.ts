import { createHash } from "node:crypto";
import { normalizeMessageId } from "@/lib/email/ids";

/**
 * The exactly-once key of an inbound message (docs/email.md, Ingestion; docs/email-ingest.md), computed from the raw bytes
 * BEFORE parsing, so even mail that later fails to parse is stored once.
 *
 * A duplicate is the same Message-ID AND the same message: `<Message-ID> content:<hash>`, where
 * the hash covers what the sender wrote (From, Date, Subject, the body's MIME type and encoding,
 * and the body) and not what transports add (Received, Delivered-To, Return-Path…) or how they
 * end lines — so a mail fetched twice, or forwarded and also polled, stays one, while a different
 * message reusing a Message-ID (by mistake, or to block the real one) is imported.
 * Without a usable Message-ID: `sha256:<hex of the bytes>`.
 *
 * Rows stored before the content hash was part of the key have the bare Message-ID as their key
 * (`legacyKey`); the stores look for one and compare its content (legacy-duplicates.ts).
 */
export type DedupeKey = { key: string; sha256: string; messageId: string | null; legacyKey: string | null };

export function sha256Hex(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex");
}

export function dedupeKey(raw: Buffer): DedupeKey {
  const sha256 = sha256Hex(raw);
  const section = headerSection(raw);
  const messageId = messageIdOf(section);
  if (!messageId) return { key: `sha256:${sha256}`, sha256, messageId: null, legacyKey: null };
  return { key: `${messageId} content:${contentHash(raw, section)}`, sha256, messageId, legacyKey: messageId };
}

/** The Message-ID header of the header section (first 64 KiB), unfolded; null when absent or not an id. */
export function rawMessageId(raw: Buffer): string | null {
  return messageIdOf(headerSection(raw));
}

/** The hash of what the sender wrote (see above), the same for every copy of one message. */
export function contentHash(raw: Buffer, section = headerSection(raw)): string {
  const hash = createHash("sha256");
  const body = raw.subarray(section.bodyStart).toString("latin1");
  // A message rebuilt from a provider's JSON (Postmark) gets new MIME boundaries each time: they
  // are named by their order of appearance, so two rebuilds of one message compare equal.
  const boundaries = new Map<string, string>();
  const unbound = (text: string) => text.replace(BOUNDARY, (_, value: string) => `boundary=${nameOf(boundaries, value)}`);
  for (const name of SENDER_HEADERS) {
    const value = (section.headers.get(name) ?? []).join("\n").replace(/\s+/g, " ").trim();
    hash.update(`${name}:${unbound(value)}\n`);
  }
  hash.update("\n");
  let normalized = unbound(body);
  for (const [value, placeholder] of boundaries) normalized = normalized.split(`--${value}`).join(`--${placeholder}`);
  // Transports change line ends (CRLF on the wire and over IMAP, LF from a pipe) and trailing blank lines.
  hash.update(normalized.replace(/\r\n/g, "\n").replace(/\s+$/, ""), "latin1");
  return hash.digest("hex");
}

const BOUNDARY = /boundary\s*=\s*"?([^";\s]+)"?/gi;

function nameOf(names: Map<string, string>, value: string): string {
  const known = names.get(value);
  if (known) return known;
  const name = `b${names.size}`;
  names.set(value, name);
  return name;
}

const SENDER_HEADERS = ["from", "date", "subject", "content-type", "content-transfer-encoding"] as const;
const HEAD_LIMIT = 64 * 1024;

type HeaderSection = { headers: Map<string, string[]>; bodyStart: number };

function headerSection(raw: Buffer): HeaderSection {
  const head = raw.subarray(0, Math.min(raw.length, HEAD_LIMIT)).toString("latin1");
  const blank = /\r?\n\r?\n/.exec(head);
  const section = (blank ? head.slice(0, blank.index) : head).replace(/\r?\n[ \t]+/g, " ");
  // Without a blank line within the limit, everything after the limit counts as the body.
  const bodyStart = blank ? blank.index + blank[0].length : Math.min(raw.length, HEAD_LIMIT);
  const headers = new Map<string, string[]>();
  for (const line of section.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
  }
  return { headers, bodyStart };
}

function messageIdOf(section: HeaderSection): string | null {
  const values = section.headers.get("message-id") ?? [];
  // Two Message-ID headers make the message ambiguous: hash it rather than guess.
  if (values.length !== 1) return null;
  const bracketed = /<([^<>]*)>/.exec(values[0]);
  const id = normalizeMessageId(bracketed ? bracketed[1] : values[0]);
  // A key longer than this is junk, not an id; the hash is safer for the unique index.
  return id && id.length <= 500 ? id : null;
}
