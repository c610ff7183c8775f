/**
 * Filenames and display names come from strangers (docs/email.md, Content): they may carry path separators
 * (`../../etc/passwd`), control or bidi-override characters that disguise an extension
 * (`invoice\u202Efdp.exe`), or run to megabytes. These keep them printable and bounded.
 */
// C0/C1 controls, DEL, bidi overrides/isolates, zero-width and BOM characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export const MAX_NAME_LENGTH = 200;
export const MAX_FILENAME_LENGTH = 180;

export const MAX_SUBJECT_LENGTH = 998;

/** One printable line, invisible and control characters gone, at most `max` characters. */
export function cleanLine(value: string | undefined | null, max: number): string {
  if (!value) return "";
  const s = value.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
  return s.length > max ? s.slice(0, max).trimEnd() : s;
}

export function cleanDisplayName(name: string | undefined | null): string {
  return cleanLine(name, MAX_NAME_LENGTH);
}

/** A filename safe to show and to store under: no directories, no controls, bounded, never empty. */
export function cleanFilename(name: string | undefined | null, fallback: string): string {
  // Only the last path component counts: `../../etc/passwd` is `passwd`, `C:\\x\\a.exe` is `a.exe`.
  const base = (name ?? "").split(/[\\/]+/).filter((p) => p.trim()).pop() ?? "";
  let s = base.replace(INVISIBLE, "").replace(/[<>:"|?*]/g, "_").trim();
  // Leading dots would make a hidden file or a `..` component once separators are gone.
  s = s.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (!s) s = fallback;
  if (s.length <= MAX_FILENAME_LENGTH) return s;
  const dot = s.lastIndexOf(".");
  const ext = dot > 0 && s.length - dot <= 12 ? s.slice(dot) : "";
  return s.slice(0, MAX_FILENAME_LENGTH - ext.length) + ext;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/bmp": "bmp",
  "image/svg+xml": "svg", "application/pdf": "pdf", "text/plain": "txt", "text/html": "html",
  "text/calendar": "ics", "message/rfc822": "eml", "message/delivery-status": "txt",
  "text/rfc822-headers": "txt", "message/disposition-notification": "txt",
};

/** `image-2.png` for an unnamed inline image, `attachment-3.bin` for anything unknown. */
export function fallbackFilename(contentType: string, index: number): string {
  const ext = EXTENSIONS[contentType.toLowerCase()] ?? "bin";
  const stem = contentType.toLowerCase().startsWith("image/") ? "image" : "attachment";
  return `${stem}-${index + 1}.${ext}`;
}
