/**
 * The document the conversation view puts in a sandboxed <iframe srcdoc> to show (already
 * sanitized) email HTML (docs/email.md, Content): `cid:` images point at the stored attachments, remote
 * images come back only when the agent asked for them, and a strict Content-Security-Policy
 * allows nothing but inline styles and images from the origins it names — defence in depth
 * behind the sanitizer and the frame's sandbox (which must not include allow-scripts).
 */
export type FrameOptions = {
  /** Content-ID (without brackets) → URL of the stored attachment. */
  inlineImages?: Record<string, string>;
  /** Absolute base for relative attachment URLs (the app's origin); required for relative ones. */
  baseUrl?: string;
  /** Put back the remote images the sanitizer parked in data-blocked-src. */
  allowRemoteImages?: boolean;
};

const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const unescapeAttr = (v: string) =>
  v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Only http(s) URLs; a relative one needs the base, else the image is left out. */
function absoluteUrl(url: string, base?: string): URL | null {
  try {
    const u = new URL(url, base);
    return u.protocol === "https:" || u.protocol === "http:" ? u : null;
  } catch {
    return null;
  }
}

export function resolveEmailImages(html: string, options: FrameOptions = {}): { html: string; imageOrigins: string[] } {
  const origins = new Set<string>();
  const byCid = new Map(Object.entries(options.inlineImages ?? {}).map(([cid, url]) => [cid.toLowerCase(), url]));

  let out = html.replace(/\ssrc="cid:([^"]*)"/gi, (_, raw: string) => {
    const url = byCid.get(safeDecode(unescapeAttr(raw)).toLowerCase());
    const absolute = url ? absoluteUrl(url, options.baseUrl) : null;
    if (!absolute) return "";
    origins.add(absolute.origin);
    return ` src="${escapeAttr(absolute.href)}"`;
  });

  if (options.allowRemoteImages) {
    out = out.replace(/\sdata-blocked-src="([^"]*)"/gi, (all, raw: string) => {
      const value = unescapeAttr(raw);
      const absolute = /^https?:\/\//i.test(value) ? absoluteUrl(value) : null;
      if (!absolute) return "";
      origins.add(absolute.origin);
      return ` src="${escapeAttr(absolute.href)}"`;
    });
  }
  return { html: out, imageOrigins: [...origins].sort() };
}

export function emailFrameDocument(html: string, options: FrameOptions = {}): string {
  const resolved = resolveEmailImages(html, options);
  const imgSrc = ["data:", ...resolved.imageOrigins].join(" ");
  const csp = [
    "default-src 'none'",
    "script-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src ${imgSrc}`,
    "font-src 'none'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join("; ");
  return (
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">` +
    `<meta name="referrer" content="no-referrer">` +
    `<style>body{margin:0;font:14px/1.5 system-ui,sans-serif;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style>` +
    `</head><body>${resolved.html}</body></html>`
  );
}
