/**
 * The fields of a multipart/form-data body as slices of the bytes already read (no copy), found
 * by their boundaries only: nothing inside a part is parsed. Lets Mailgun's signature fields be
 * checked before its body-mime part is touched, and hands that part on without the copies a
 * FormData makes. Returns null when the body is not multipart or has no boundary.
 */
export function multipartFields(contentType: string | null, body: Buffer): Map<string, Buffer> | null {
  const m = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  if (!m) return null;
  const boundary = m[1] ?? m[2];
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  const fields = new Map<string, Buffer>();
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // "--": the closing delimiter
    while (body[start] === 0x20 || body[start] === 0x09) start += 1; // transport padding
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const end = body.indexOf(next, start);
    if (end < 0) break;
    const part = body.subarray(start, end);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const name = /^content-disposition:[^\r\n]*?;\s*name="((?:[^"\\]|\\.)*)"/im.exec(headers)?.[1];
      if (name !== undefined && !fields.has(name)) fields.set(name, part.subarray(headerEnd + 4));
    }
    at = end + 2;
  }
  return fields;
}
