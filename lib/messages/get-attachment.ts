import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attachments, conversations, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, requireAccountAccess } from "@/lib/accounts/access";
import { conversationVisibilitySql } from "@/lib/accounts/conversation-visibility";
import { isAppError, notFound } from "@/lib/errors";
import { downloadHeaders, isSafeInlineType, safeFilename } from "./download-headers";
import { findVisibleMessage } from "./message-access";

export type AttachmentInfo = {
  id: number;
  messageId: number;
  fileName: string;
  contentType: string;
  byteSize: number;
  /** An image's size in pixels, once its thumbnail job measured it (where the query reads it). */
  width?: number | null;
  height?: number | null;
};
export type AttachmentFile = { fileName: string; contentType: string; data: Buffer };

/** One stored attachment's bytes, when the actor may see its message. */
export async function getAttachment(db: DbOrTx, actor: Actor, accountId: number, attachmentId: number): Promise<AttachmentFile> {
  const row = await findVisibleAttachment(db, actor, accountId, attachmentId, { withThumbnail: false });
  return { fileName: row.fileName, contentType: row.contentType, data: row.data };
}

/**
 * An attachment's stored row (with its thumbnail's bytes when asked), when the actor may see its
 * message; "not found" otherwise, also for another account's, so its existence is not revealed.
 */
export async function findVisibleAttachment(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  attachmentId: number,
  { withThumbnail }: { withThumbnail: boolean },
): Promise<AttachmentFile & { thumbnail: Buffer | null }> {
  await requireAccountAccess(db, actor, accountId);
  if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) throw notFound("Attachment");
  const [row] = await db
    .select({
      messageId: attachments.messageId,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      data: attachments.data,
      // The thumbnail's bytes are read only by the thumbnail route.
      thumbnail: withThumbnail ? attachments.thumbnail : sql<Buffer | null>`null`,
    })
    .from(attachments)
    .where(and(eq(attachments.accountId, accountId), eq(attachments.id, attachmentId)))
    .limit(1);
  if (!row?.data) throw notFound("Attachment");
  await findVisibleMessage(db, actor, accountId, row.messageId).catch((error: unknown) => {
    throw isAppError(error) && error.code === "not_found" ? notFound("Attachment") : error;
  });
  return { fileName: row.fileName, contentType: row.contentType, data: row.data, thumbnail: row.thumbnail };
}

/** Attachments (without bytes) of the given messages the actor may see, by message id. */
export async function listMessageAttachments(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  messageIds: number[],
): Promise<Map<number, AttachmentInfo[]>> {
  const access = await requireAccountAccess(db, actor, accountId);
  const byMessage = new Map<number, AttachmentInfo[]>();
  const inboxIds = await accessibleInboxIds(db, access);
  if (messageIds.length === 0 || (inboxIds !== "all" && inboxIds.length === 0)) return byMessage;
  const where = [eq(attachments.accountId, accountId), inArray(attachments.messageId, messageIds)];
  if (inboxIds !== "all") where.push(inArray(messages.inboxId, inboxIds));
  const narrowed = conversationVisibilitySql(access);
  if (narrowed) where.push(narrowed);
  const rows = await db
    .select({ id: attachments.id, messageId: attachments.messageId, fileName: attachments.fileName, contentType: attachments.contentType, byteSize: attachments.byteSize, width: attachments.width, height: attachments.height })
    .from(attachments)
    .innerJoin(messages, and(eq(messages.accountId, attachments.accountId), eq(messages.id, attachments.messageId)))
    .innerJoin(conversations, and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId)))
    .where(and(...where))
    .orderBy(asc(attachments.id));
  for (const row of rows) byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), row]);
  return byMessage;
}

/** Safe images are shown inline; everything else (HTML, SVG, PDFs, …) only downloads, as bytes. */
export function attachmentResponse(file: AttachmentFile): Response {
  const inline = isSafeInlineType(file.contentType);
  const headers = downloadHeaders({
    filename: safeFilename(file.fileName, "attachment"),
    contentType: inline ? file.contentType.split(";")[0].trim().toLowerCase() : "application/octet-stream",
    byteSize: file.data.length,
    inline,
  });
  return new Response(new Uint8Array(file.data), { status: 200, headers });
}
