import sanitizeHtml from "sanitize-html";
import { HEADING_ID } from "./slug";

/**
 * The allowlist between an article's HTML and a reader's browser (issue 11 item 12). Whatever the
 * Markdown or its raw HTML says, the output holds only text markup: no script, styles, forms,
 * frames or event handlers; links only to http(s), mailto, tel or our own relative paths; images
 * only from https or our own storage paths. No inline style survives either, so the public site's
 * CSP can forbid inline styles (table alignment becomes a class).
 */
export type SanitizeArticleOptions = {
  /** Path prefixes of our own storage ("/help-center/files/", or absolute on the app's origin): images may load from there. */
  imagePathPrefixes: string[];
  /** Hosts whose links are ours: no rel="nofollow". Relative links are always ours. */
  internalHosts: string[];
};

const TAGS = [
  "p", "h2", "h3", "h4", "h5", "h6", "a", "img", "ul", "ol", "li", "blockquote", "pre", "code",
  "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "kbd", "sub", "sup", "small", "hr", "br",
  "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "dl", "dt", "dd",
  "details", "summary", "figure", "figcaption", "abbr", "span", "div",
];

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALIGN = /text-align\s*:\s*(left|center|right)/i;

/** An href we keep: http(s)/mailto/tel, or a path/fragment/query on our own site. */
function cleanHref(href: string | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  // eslint-disable-next-line no-control-regex -- control characters are how scheme checks get dodged
  if (/[\u0000-\u001f\\]/.test(h) || h.startsWith("//")) return null;
  const scheme = SCHEME.exec(h)?.[1]?.toLowerCase();
  if (scheme === undefined) return h;
  return ["http", "https", "mailto", "tel"].includes(scheme) ? h : null;
}

function cleanImageSrc(src: string | undefined, prefixes: string[]): string | null {
  if (!src) return null;
  const s = src.trim();
  // eslint-disable-next-line no-control-regex -- a URL with control characters or spaces is not ours
  if (/[\u0000-\u0020\\]/.test(s)) return null;
  if (/^https:\/\/[^/]/i.test(s)) return s;
  // Our own storage: under a known prefix (root-relative, or absolute for the app's own origin, which
  // may be plain http in development), with no way back out of it.
  if (s.startsWith("//") || /(^|\/)\.\.(\/|$)|%2e%2e/i.test(s)) return null;
  return prefixes.some((p) => (p.startsWith("/") || /^https?:\/\/[^/]+\//i.test(p)) && s.startsWith(p)) ? s : null;
}

function isExternal(href: string, internalHosts: string[]): boolean {
  if (!/^https?:/i.test(href)) return false;
  try {
    return !internalHosts.includes(new URL(href).host.toLowerCase());
  } catch {
    return true;
  }
}

export function sanitizeArticleHtml(html: string, options: SanitizeArticleOptions): string {
  const internalHosts = options.internalHosts.map((h) => h.toLowerCase());
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel"],
      img: ["src", "alt", "title", "width", "height", "loading"],
      code: ["class"],
      th: ["class", "colspan", "rowspan"],
      td: ["class", "colspan", "rowspan"],
      ol: ["start", "reversed"],
      abbr: ["title"],
      h2: ["id"], h3: ["id"], h4: ["id"], h5: ["id"], h6: ["id"],
    },
    allowedClasses: { code: [/^language-[\w-]{1,40}$/], th: ["align-left", "align-center", "align-right"], td: ["align-left", "align-center", "align-right"] },
    // Schemes are decided by cleanHref/cleanImageSrc below; this is a second net.
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["https", "http"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    // Their content is never article text: dropping only the tag would leak code or CSS as text.
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "iframe", "object", "template", "svg", "math"],
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
    transformTags: {
      // A raw-HTML h1 would compete with the page title.
      h1: (_tagName, attribs) => keepHeadingId("h2", attribs),
      a: (tagName, attribs) => {
        const href = cleanHref(attribs.href);
        if (href === null) return { tagName, attribs: {} };
        const next: Record<string, string> = { href };
        if (attribs.title) next.title = attribs.title;
        if (isExternal(href, internalHosts)) next.rel = "nofollow noopener";
        return { tagName, attribs: next };
      },
      img: (tagName, attribs) => {
        const src = cleanImageSrc(attribs.src, options.imagePathPrefixes);
        const next: Record<string, string> = { ...attribs, loading: "lazy" };
        delete next.src;
        if (src) next.src = src;
        return { tagName, attribs: next };
      },
      th: alignToClass,
      td: alignToClass,
      ...Object.fromEntries(["h2", "h3", "h4", "h5", "h6"].map((h) => [h, keepHeadingId])),
    },
  });
}

function alignToClass(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const next: sanitizeHtml.Attributes = {};
  for (const k of ["colspan", "rowspan"]) if (attribs[k] && /^\d{1,3}$/.test(attribs[k])) next[k] = attribs[k];
  const align = ALIGN.exec(attribs.style ?? "")?.[1] ?? attribs.align;
  if (align && /^(left|center|right)$/i.test(align)) next.class = `align-${align.toLowerCase()}`;
  return { tagName, attribs: next };
}

function keepHeadingId(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const next: sanitizeHtml.Attributes = {};
  if (attribs.id && HEADING_ID.test(attribs.id)) next.id = attribs.id;
  return { tagName, attribs: next };
}
