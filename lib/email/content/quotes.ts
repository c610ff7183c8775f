import { sanitizeEmailHtml } from "./sanitize-html";
import { splitQuotedText, type QuoteSplit } from "./quote-text";

export { splitQuotedText, type QuoteSplit };

/**
 * Splits (already sanitized) HTML mail into the new part and the quoted history/signature, so the
 * view can fold the latter behind "…" (docs/email.md, Content). Storage keeps the whole message; this is for
 * display only. Each half is re-balanced so both render on their own.
 */
const CLASS = (names: string) => new RegExp(`<(div|span|blockquote)\\b[^>]*\\bclass="[^"]*\\b(${names})\\b[^"]*"`, "i");

const ELEMENT_MARKERS: RegExp[] = [
  // Gmail: the quote container (with its "On … wrote:" attribution) and the signature.
  CLASS("gmail_quote_container|gmail_quote|gmail_signature"),
  // Thunderbird and Yahoo.
  CLASS("moz-cite-prefix|moz-signature|moz-forward-container|yahoo_quoted"),
  // Apple Mail and Thunderbird quote the previous mail in <blockquote type="cite">.
  /<blockquote\b[^>]*\btype="cite"/i,
  // Outlook on the web / new Outlook: a separator <hr> then div#divRplyFwdMsg (appendonsend before it).
  /<div\b[^>]*\bid="appendonsend"/i,
  /<hr\b[^>]*>\s*(<div\b[^>]*>\s*)?<div\b[^>]*\bid="divRplyFwdMsg"/i,
  /<div\b[^>]*\bid="divRplyFwdMsg"/i,
  // Outlook desktop (Word HTML): a div with a top border holding "From: … Sent: …".
  /<div\b[^>]*style="[^"]*border-top:\s*solid[^"]*"[^>]*>\s*(<p\b[^>]*>\s*)?(<span\b[^>]*>\s*)?<b>\s*(<span\b[^>]*>\s*)?(from|de|von|van)\s*:/i,
];

// Markers that are text inside some element: the split goes to that element's start.
const TEXT_MARKERS: RegExp[] = [
  /-{2,}\s*(original message|forwarded message|ursprüngliche nachricht|message d'origine)\s*-{2,}/i,
  /(^|>)\s*(on|le|am|el)\s[^<>]{4,300}(wrote|a écrit|schrieb|escribió)\s*:\s*(<br\s*\/?>\s*)*</i,
  /(^|>)\s*--\s?(&nbsp;|\u00a0)?\s*<br\s*\/?>/i,
  /<b>\s*(<span\b[^>]*>\s*)?(from|de|von)\s*:\s*(<\/span>\s*)?<\/b>[\s\S]{0,600}<b>\s*(<span\b[^>]*>\s*)?(sent|date|envoyé|gesendet)\s*:/i,
];

function elementStartBefore(html: string, index: number): number {
  const window = html.slice(Math.max(0, index - 400), index);
  const starts = [...window.matchAll(/<(div|p|hr)\b[^>]*>/gi)];
  const last = starts.at(-1);
  return last?.index !== undefined ? index - window.length + last.index : index;
}

function textMarkerStart(html: string, re: RegExp): number | null {
  const m = re.exec(html);
  if (!m) return null;
  // Skip the `>` the pattern may have consumed so the enclosing tag stays in the body half.
  const at = m[0].startsWith(">") ? m.index + 1 : m.index;
  return elementStartBefore(html, at);
}

export function quoteStartIndex(html: string): number | null {
  const found: number[] = [];
  for (const re of ELEMENT_MARKERS) {
    const m = re.exec(html);
    if (m) found.push(m.index);
  }
  for (const re of TEXT_MARKERS) {
    const at = textMarkerStart(html, re);
    if (at !== null) found.push(at);
  }
  return found.length ? Math.min(...found) : null;
}

function hasVisibleContent(html: string): boolean {
  return /<img\b/i.test(html) || html.replace(/<[^>]*>/g, "").replace(/&nbsp;|\s|\u00a0/g, "") !== "";
}

const ATTRIBUTION = /^\s*(on|le|am|el|il|op|em)\s[\s\S]{4,400}(wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu)\s*:\s*$/i;

/**
 * Apple Mail, Fastmail and others put "On … wrote:" in an element just before the quote, with
 * links inside it; move the split up so the attribution is folded with what it introduces.
 */
function includeAttribution(html: string, start: number): number {
  const from = Math.max(0, start - 800);
  const window = html.slice(from, start);
  const candidates = [...window.matchAll(/<(div|p|span)\b[^>]*>/gi)].reverse();
  for (const c of candidates) {
    if (c.index === undefined) continue;
    const text = window.slice(c.index).replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&nbsp;/g, " ");
    if (ATTRIBUTION.test(text)) return from + c.index;
  }
  return start;
}

export function splitQuotedHtml(html: string): QuoteSplit {
  const found = quoteStartIndex(html);
  if (found === null) return { body: html, quoted: null };
  const start = includeAttribution(html, found);
  const body = html.slice(0, start);
  const quoted = html.slice(start);
  if (!hasVisibleContent(body) || !hasVisibleContent(quoted)) return { body: html, quoted: null };
  return {
    body: sanitizeEmailHtml(body, { allowRemoteImages: true }),
    quoted: sanitizeEmailHtml(quoted, { allowRemoteImages: true }),
  };
}
