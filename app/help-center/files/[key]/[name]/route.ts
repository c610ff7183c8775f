import { getDb } from "@/db/client";
import { readPublicHelpCenterFile } from "@/lib/help-center/files";
import { contentDisposition } from "@/lib/messages/download-headers";

/**
 * Help-center images (logos, pictures in articles), public by their random key. Only raster
 * image types are ever stored, and the headers keep the browser from treating one as a page.
 * Immutable: a changed image is a new upload with a new key.
 */
export async function GET(_request: Request, context: { params: Promise<{ key: string; name: string }> }) {
  const { key } = await context.params;
  const file = await readPublicHelpCenterFile(getDb(), key);
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(file.data), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.byteSize),
      "Content-Disposition": contentDisposition("inline", file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Cross-Origin-Resource-Policy": "cross-origin",
    },
  });
}
