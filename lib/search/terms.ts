/**
 * Search words and highlighting, shared by the server and the browser (no imports). The database
 * matches each word as a prefix of a word (db/queries/conversation-search.ts); highlighting marks
 * the same: a word of the text that starts with a term.
 */
export function searchTerms(q: string): string[] {
  const words = q.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}@._+-]*/gu) ?? [];
  return [...new Set(words.map((w) => w.replace(/[@._+-]+$/, "")).filter(Boolean))].slice(0, 10);
}

export type Segment = { text: string; hit: boolean };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Splits `text` into plain and highlighted parts: each word start that begins with a term. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0 || !text) return [{ text, hit: false }];
  const sorted = [...terms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.join("|")})`, "giu");
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at), hit: false });
    out.push({ text: m[0], hit: true });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}

/** About `length` characters of `text` around its first hit, whitespace collapsed. */
export function snippet(text: string, terms: readonly string[], length = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const first = highlight(flat, terms).findIndex((s) => s.hit);
  const at = first <= 0 ? 0 : highlight(flat, terms).slice(0, first).reduce((n, s) => n + s.text.length, 0);
  const start = Math.max(0, Math.min(at - Math.floor(length / 3), flat.length - length));
  return `${start > 0 ? "…" : ""}${flat.slice(start, start + length).trim()}${start + length < flat.length ? "…" : ""}`;
}
