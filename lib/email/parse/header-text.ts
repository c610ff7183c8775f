import { isUtf8 } from "node:buffer";

/**
 * A header value as a person should read it when the MIME library's decoding gave up (its text
 * holds U+FFFD, e.g. "n�$z"): 8-bit bytes written straight into the header, or an encoded word
 * whose bytes do not match its label. Each piece is decoded by its label when the bytes fit it,
 * else as UTF-8 when they are UTF-8, else as Windows-1252 (the usual truth behind unlabelled
 * Western mail), so every byte becomes a character and nothing becomes "�".
 * `raw` is the header value with each byte as one character (latin1), unfolded.
 */
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([QqBb])\?([^?\s]*)\?=/g;

export function decodeHeaderText(raw: string): string {
  let out = "";
  let last = 0;
  let previousWasWord = false;
  for (const match of raw.matchAll(ENCODED_WORD)) {
    const between = raw.slice(last, match.index);
    // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
    if (!(previousWasWord && /^\s*$/.test(between))) out += bytesToText(Buffer.from(between, "latin1"));
    const [, charset, encoding, text] = match;
    const bytes = encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : quotedPrintableWord(text);
    out += bytesToText(bytes, charset);
    last = match.index + match[0].length;
    previousWasWord = true;
  }
  out += bytesToText(Buffer.from(raw.slice(last), "latin1"));
  return out;
}

function quotedPrintableWord(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "_") bytes.push(0x20);
    else if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

function bytesToText(bytes: Buffer, label?: string): string {
  if (label) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // Unknown label, or bytes that are not in it: guessed below.
    }
  }
  return isUtf8(bytes) ? bytes.toString("utf8") : new TextDecoder("windows-1252").decode(bytes);
}

/** The first `name:` header of the header block, unfolded, each byte one character (for decodeHeaderText). */
export function rawHeaderValue(raw: Buffer, name: string): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const lines = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/);
  const prefix = `${name.toLowerCase()}:`;
  const line = lines.find((l) => l.toLowerCase().startsWith(prefix));
  return line === undefined ? null : line.slice(prefix.length).trim();
}

/** The library's decoding when it worked; ours (above) when it left replacement characters. */
export function readableHeader(decoded: string | undefined, raw: Buffer, name: string): string | undefined {
  if (decoded === undefined || !decoded.includes("\ufffd")) return decoded;
  const value = rawHeaderValue(raw, name);
  return value === null ? decoded : decodeHeaderText(value);
}
