import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * The most an ingress request may carry. Without a bound, one 50 MB post made the server hold
 * several copies of it (the body, the parsed form, the message) before anything was checked.
 * Default: 1.5 × EMAIL_ATTACHMENT_MAX_BYTES (an attachment grows by 4/3 in base64 plus line
 * breaks, and a webhook's JSON or form encoding adds its own escapes) + 10 MiB for the headers,
 * text, HTML and smaller parts. Mail bigger than that is refused with 413, so the sender bounces it.
 */
const OTHER_PARTS_BYTES = 10 * 1024 * 1024;

export function ingressMaxBodyBytes(): number {
  const e = env();
  return e.INGRESS_MAX_BODY_BYTES ?? Math.ceil(e.EMAIL_ATTACHMENT_MAX_BYTES * 1.5) + OTHER_PARTS_BYTES;
}

const tooLarge = (limit: number) =>
  new AppError("too_large", `The request is larger than this Postdesk accepts (${limit} bytes, INGRESS_MAX_BODY_BYTES): the message is refused`);

/**
 * The request body, read up to `limit` bytes: a Content-Length above it is refused before a byte
 * is read, and a body without one (chunked) is counted while it streams and the stream is
 * cancelled as soon as it passes the limit, so no more than the limit is ever held.
 */
export async function readBoundedBody(request: Request, limit = ingressMaxBodyBytes()): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** The body parsed as a form (multipart or urlencoded), after the bounded read. */
export async function readBoundedForm(request: Request, limit = ingressMaxBodyBytes()): Promise<FormData> {
  return parseForm(request.headers.get("content-type"), await readBoundedBody(request, limit));
}

/** Bytes already read, parsed as a form. */
export async function parseForm(contentType: string | null, body: Buffer): Promise<FormData> {
  try {
    return await new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { headers: { "content-type": contentType ?? "" } }).formData();
  } catch {
    throw new AppError("invalid", "Expected a multipart/form-data or application/x-www-form-urlencoded body");
  }
}
