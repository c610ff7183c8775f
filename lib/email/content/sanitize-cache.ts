import { createHash } from "node:crypto";
import { sanitizeEmailHtml } from "./sanitize-html";

/**
 * sanitizeEmailHtml for showing stored mail, remembered per process. Every render of a thread
 * sanitizes each email's HTML again (the API can write it, so what import stored is not trusted
 * as is), and that costs milliseconds per email: a thread of 25 emails cost more than the rest of
 * the page. The answer is a pure function of the input, so it is kept by the input's SHA-256
 * (an edit is a new key), least recently used first out, within a byte budget.
 */
const BUDGET_CHARS = 16 * 2 ** 20;
const cache = new Map<string, string>();
let cachedChars = 0;

export function sanitizedEmailHtml(html: string): string {
  const key = createHash("sha256").update(html).digest("base64");
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const clean = sanitizeEmailHtml(html);
  if (clean.length > BUDGET_CHARS / 16) return clean;
  cache.set(key, clean);
  cachedChars += clean.length + key.length;
  for (const [oldKey, old] of cache) {
    if (cachedChars <= BUDGET_CHARS) break;
    cache.delete(oldKey);
    cachedChars -= old.length + oldKey.length;
  }
  return clean;
}
