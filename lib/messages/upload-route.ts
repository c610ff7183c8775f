import { getDb } from "@/db/client";
import { userActor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { securityHeaders } from "@/lib/http/security-headers";
import { createLogger } from "@/lib/logger";
import { attachmentUploadLimit, formatBytes } from "./attachments";
import { stageUpload } from "./attachment-uploads";

const log = createLogger("upload");

/** Where the file is kept: the composer's staged uploads, or another owner's (a macro's files). */
type Stage = (db: ReturnType<typeof getDb>, actor: ReturnType<typeof userActor>, accountId: number, file: { fileName: string; contentType: string; data: Buffer }) => Promise<unknown>;

/**
 * Whether a cookie-authenticated POST comes from our own pages: browsers send Origin on every
 * POST by fetch or XMLHttpRequest, and another site's form or script cannot forge it.
 */
function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const allowed = new Set([new URL(appUrl()).host]);
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (forwarded) allowed.add(forwarded);
  const own = headers.get("host");
  if (own) allowed.add(own);
  return allowed.has(host);
}

const json = (status: number, body: unknown, request: Request) =>
  Response.json(body, { status, headers: { ...securityHeaders(request.headers), "Cache-Control": "no-store" } });

/** The body, refused as soon as it passes `max` bytes (never buffered beyond it). */
async function readCapped(request: Request, max: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > max) return null;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * The composer's file upload: one file per request, its bytes as the body (the browser reports
 * progress for each), its name in `X-File-Name` (URI-encoded). The route skips the proxy (which
 * would copy the body in memory and cut it at 10 MB), so it sets its own headers and checks the
 * origin itself; the session decides who uploads.
 */
export async function handleUpload(request: Request, userId: number | null, rawAccountId: string, stage: Stage = stageUpload): Promise<Response> {
  if (!isSameOrigin(request.headers)) return json(403, { error: "Uploads are accepted from Postdesk's own pages only" }, request);
  if (userId === null) return json(401, { error: "Sign in to upload files" }, request);
  const accountId = /^\d{1,9}$/.test(rawAccountId) ? Number(rawAccountId) : 0;
  const max = attachmentUploadLimit();
  let fileName = "attachment";
  try {
    fileName = decodeURIComponent(request.headers.get("x-file-name") ?? "attachment");
  } catch {
    // a malformed name: keep the default
  }
  try {
    const data = await readCapped(request, max);
    if (data === null) return json(413, { error: `${fileName} is larger than the ${formatBytes(max)} limit for attachments` }, request);
    const contentType = (request.headers.get("content-type") ?? "").split(";")[0].trim();
    const upload = await stage(getDb(), userActor(userId), accountId, { fileName, contentType, data });
    return json(200, upload, request);
  } catch (error) {
    if (isAppError(error)) return json(error.status, { error: error.message }, request);
    log.error("upload failed", { error: error instanceof Error ? error.message : String(error) });
    return json(500, { error: "The upload failed. Try again." }, request);
  }
}
