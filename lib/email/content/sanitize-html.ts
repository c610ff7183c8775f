import sanitizeHtml from "sanitize-html";

/**
 * Server-side allowlist for inbound HTML mail (docs/email.md, Content). Presentational markup survives so the
 * mail looks like what the customer sent; anything that runs code, submits data or loads a remote
 * resource (tracking pixels, CSS url()) is removed. Remote images come back only when the caller
 * allows them; cid: images stay so inline attachments can be resolved.
 */
export type SanitizeOptions = { allowRemoteImages?: boolean };

const TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  "img", "font", "center", "span", "div", "u", "s", "strike", "small", "big", "sub", "sup",
  "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col", "hr", "br",
];

const COMMON_ATTRS = [
  "style", "class", "align", "valign", "width", "height", "bgcolor", "color", "dir", "lang", "title",
  "border", "cellpadding", "cellspacing", "colspan", "rowspan", "nowrap", "id",
];

// Declarations that can load something, run something, or cover the host page.
const DANGEROUS_CSS = /url\s*\(|image-set\s*\(|image\s*\(|cross-fade\s*\(|element\s*\(|expression\s*\(|javascript:|vbscript:|behavio(u)?r\s*:|-moz-binding|@import|position\s*:\s*(fixed|sticky)/i;

/** Keeps harmless declarations of an inline style; drops the rest one by one. */
export function cleanInlineStyle(style: string): string {
  // Entities and CSS escapes are the usual way to hide `url(` from a naive filter: refuse them.
  return style
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d.includes(":") && !DANGEROUS_CSS.test(d) && !/\\|&#|\/\*/.test(d))
    .join("; ");
}

const SAFE_DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]+$/i;
const REMOTE = /^(https?:)?\/\//i;

function cleanImageSrc(src: string | undefined, allowRemote: boolean): string | null {
  if (!src) return null;
  const s = src.trim();
  if (/^cid:/i.test(s)) return s;
  if (SAFE_DATA_IMAGE.test(s)) return s;
  if (REMOTE.test(s)) return allowRemote && /^https?:/i.test(s) ? s : null;
  return null;
}

export function sanitizeEmailHtml(html: string, options: SanitizeOptions = {}): string {
  const allowRemote = options.allowRemoteImages ?? false;
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    allowedAttributes: {
      "*": COMMON_ATTRS,
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "width", "height", "data-blocked-src"],
      font: ["face", "size", "color"],
      ol: ["start", "type"],
      ul: ["type"],
      blockquote: ["type", "cite"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["http", "https", "cid", "data"] },
    allowProtocolRelative: false,
    // The content of these is never mail text; dropping only the tag would leak script/CSS as text.
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "iframe", "object", "template"],
    transformTags: {
      "*": (tagName, attribs) => {
        const next = { ...attribs };
        if (next.style !== undefined) {
          const cleaned = cleanInlineStyle(next.style);
          if (cleaned) next.style = cleaned;
          else delete next.style;
        }
        return { tagName, attribs: next };
      },
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: "noopener noreferrer", target: "_blank" },
      }),
      img: (tagName, attribs) => {
        const next = { ...attribs };
        const src = cleanImageSrc(attribs.src, allowRemote);
        if (src) next.src = src;
        else {
          delete next.src;
          // Lets the view offer "show remote images" without having kept a live URL.
          if (attribs.src && REMOTE.test(attribs.src.trim())) next["data-blocked-src"] = attribs.src.trim();
        }
        if (next.style !== undefined) {
          const cleaned = cleanInlineStyle(next.style);
          if (cleaned) next.style = cleaned;
          else delete next.style;
        }
        return { tagName, attribs: next };
      },
    },
  });
}

/**
 * The narrow allowlist for what an agent writes (a reply, a note, a signature): the formatting the
 * composer offers and nothing else — no styles, classes, images or frames — so the result can be
 * shown inline in the thread and sent as mail. The browser's HTML is never trusted.
 */
export function sanitizeAgentHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h1", "h2", "h3", "hr"],
    allowedAttributes: { a: ["href"], ol: ["start"] },
    // mention: is the @mention markup of a private note (lib/conversations/mentions.ts).
    allowedSchemes: ["http", "https", "mailto", "tel", "mention"],
    allowProtocolRelative: false,
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "iframe", "object", "template"],
  }).trim();
}
