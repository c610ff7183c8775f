import type { HeaderLines } from "mailparser";
import { normalizeMessageId } from "@/lib/email/ids";

/** Lower-cased header name → unfolded raw values, in the order they appear. */
export function headerMap(lines: HeaderLines): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const { key, line } of lines) {
    if (!key) continue;
    const colon = line.indexOf(":");
    const value = (colon >= 0 ? line.slice(colon + 1) : "").replace(/\r?\n[ \t]+/g, " ").trim();
    (map[key.toLowerCase()] ??= []).push(value);
  }
  return map;
}

/**
 * Every Message-ID in an In-Reply-To/References value. Bracketed ids are taken as written; when a
 * broken client omits the brackets, whitespace/comma-separated tokens are tried instead. Ids that
 * are not ids (no @) are dropped, duplicates kept once in first-seen order.
 */
// An id longer than a header line is not one (and would not fit a btree index); a chain longer
// than this is trimmed keeping the root and the newest ids, which are the ones threading uses.
const MAX_ID_LENGTH = 998;
export const MAX_IDS = 100;

export function messageIdList(values: string[] | undefined): string[] {
  const out = allMessageIds(values);
  return out.length > MAX_IDS ? [out[0], ...out.slice(out.length - (MAX_IDS - 1))] : out;
}

function allMessageIds(values: string[] | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of values ?? []) {
    const bracketed = value.match(/<[^<>]*>/g);
    const tokens = bracketed ?? value.split(/[\s,]+/);
    for (const token of tokens) {
      const id = token.length <= MAX_ID_LENGTH + 2 ? normalizeMessageId(token) : null;
      if (id && !seen.has(id)) {
        seen.add(id);
        out.push(id);
      }
    }
  }
  return out;
}

export function firstMessageId(values: string[] | undefined): string | null {
  return messageIdList(values?.slice(0, 1))[0] ?? null;
}

/** Addresses in Delivered-To / X-Original-To (one per header, sometimes with brackets). */
export function envelopeAddresses(headers: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const name of ["delivered-to", "x-original-to"]) {
    for (const value of headers[name] ?? []) {
      for (const part of value.split(",")) {
        const addr = part.trim().replace(/^<|>$/g, "").trim().toLowerCase();
        if (addr.includes("@") && !out.includes(addr)) out.push(addr);
      }
    }
  }
  return out;
}
