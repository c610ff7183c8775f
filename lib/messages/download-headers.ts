/**
 * Headers for files Postdesk hands back to the browser (attachments, original emails). Whatever
 * the sender named or typed a part, the browser must not run it as a page of our origin: nosniff,
 * a CSP that allows nothing, and "attachment" unless the type is an image format browsers only
 * ever decode as an image (never SVG or HTML, which can carry script).
 */
const INLINE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"]);

export function isSafeInlineType(contentType: string): boolean {
  return INLINE_IMAGE_TYPES.has(contentType.split(";")[0]?.trim().toLowerCase() ?? "");
}

/** A filename that is safe in a header and on any file system; never empty. */
export function safeFilename(name: string, fallback: string): string {
  const cleaned = name
    .normalize("NFC")
    // Control characters (below U+0020 and DEL) and characters that mean something in paths or headers.
    .replace(/[\p{Cc}"\\/:*?<>|]+/gu, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 150);
  return cleaned || fallback;
}

export function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/[%;]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function downloadHeaders(options: { filename: string; contentType: string; byteSize: number; inline: boolean }): Headers {
  return new Headers({
    "Content-Type": options.contentType,
    "Content-Length": String(options.byteSize),
    "Content-Disposition": contentDisposition(options.inline ? "inline" : "attachment", options.filename),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
  });
}
