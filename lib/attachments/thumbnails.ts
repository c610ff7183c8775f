import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import sharp from "sharp";
import type { DbOrTx } from "@/db/client";
import { attachments } from "@/db/schema";
import { createLogger } from "@/lib/logger";

const log = createLogger("thumbnails");

/** The longest edge of a thumbnail, in pixels (the thread shows images at most 192 px high). */
export const THUMBNAIL_EDGE = 480;
/** Images with more pixels than this are not decoded (a small file can unpack to gigabytes). */
const MAX_INPUT_PIXELS = 50_000_000;
/** Attachments made per run; the next run (event or the minute's sweep) continues. */
const BATCH = 25;
/**
 * Formats sharp decodes from its npm-shipped libvips. SVG is left out on purpose: it is a document
 * (scripts, external references), never rendered on the server.
 */
const DECODABLE = new Set(["image/png", "image/jpeg", "image/jpg", "image/pjpeg", "image/gif", "image/webp", "image/avif", "image/tiff"]);

export const canThumbnail = (contentType: string) => DECODABLE.has(contentType.split(";")[0].trim().toLowerCase());

/**
 * A JPEG of at most THUMBNAIL_EDGE px on its longest edge, turned upright by its EXIF orientation,
 * transparency on white (JPEG has none), metadata dropped; and the original's size in pixels.
 * Only the first frame of an animation. Smaller images are not enlarged.
 */
export async function makeThumbnail(data: Buffer): Promise<{ thumbnail: Buffer; width: number; height: number }> {
  const image = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error("The image has no size");
  // Orientations 5 to 8 swap width and height: the upright picture's size is what a client lays out.
  const upright = (meta.orientation ?? 1) >= 5;
  const thumbnail = await image
    .rotate()
    .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
  return { thumbnail, width: upright ? meta.height : meta.width, height: upright ? meta.width : meta.height };
}

/**
 * Makes the thumbnails of image attachments that have none yet (agents' uploads, API files and
 * imported mail alike), a bounded batch per call, oldest first; `messageId` narrows it to one
 * message's files (the job asked for right after a reply). Each attachment is tried once: one that
 * cannot be decoded keeps no thumbnail, and `thumb_url` serves the original. The rows to do are
 * found through a partial index that holds only images not tried yet.
 */
export async function makePendingThumbnails(db: DbOrTx, only?: { accountId: number; messageId: number }): Promise<{ made: number; failed: number; more: boolean }> {
  const pending = and(eq(attachments.fileType, "image"), isNull(attachments.thumbnailTriedAt), isNotNull(attachments.data));
  const rows = await db
    .select({ id: attachments.id, accountId: attachments.accountId, contentType: attachments.contentType, data: attachments.data })
    .from(attachments)
    .where(only ? and(pending, eq(attachments.accountId, only.accountId), eq(attachments.messageId, only.messageId)) : pending)
    .orderBy(asc(attachments.id))
    .limit(BATCH);
  let made = 0;
  let failed = 0;
  for (const row of rows) {
    let result: Awaited<ReturnType<typeof makeThumbnail>> | null = null;
    if (row.data && canThumbnail(row.contentType)) {
      try {
        result = await makeThumbnail(row.data);
      } catch (error) {
        log.warn("no thumbnail for an attachment", { attachmentId: row.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (result) made++;
    else failed++;
    await db
      .update(attachments)
      .set({ thumbnail: result?.thumbnail ?? null, width: result?.width ?? null, height: result?.height ?? null, thumbnailTriedAt: sql`now()` })
      .where(and(eq(attachments.accountId, row.accountId), eq(attachments.id, row.id), isNull(attachments.thumbnailTriedAt)));
  }
  return { made, failed, more: rows.length === BATCH };
}
