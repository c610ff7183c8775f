import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attachments } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { isAppError, notFound } from "@/lib/errors";
import type { AttachmentFile } from "@/lib/messages/get-attachment";
import { findVisibleMessage } from "@/lib/messages/message-access";

/**
 * An image attachment's thumbnail (`thumb_url`), with the same access checks as the file itself:
 * the actor must see the message. Until the job has made it (or when the image could not be
 * decoded) it is the original file, as Chatwoot serves an attachment without a variant.
 */
export async function getAttachmentThumbnail(db: DbOrTx, actor: Actor, accountId: number, attachmentId: number): Promise<AttachmentFile & { isThumbnail: boolean }> {
  await requireAccountAccess(db, actor, accountId);
  if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) throw notFound("Attachment");
  const [row] = await db
    .select({ messageId: attachments.messageId, fileName: attachments.fileName, contentType: attachments.contentType, data: attachments.data, thumbnail: attachments.thumbnail })
    .from(attachments)
    .where(and(eq(attachments.accountId, accountId), eq(attachments.id, attachmentId)))
    .limit(1);
  if (!row?.data) throw notFound("Attachment");
  await findVisibleMessage(db, actor, accountId, row.messageId).catch((error: unknown) => {
    throw isAppError(error) && error.code === "not_found" ? notFound("Attachment") : error;
  });
  if (row.thumbnail) return { fileName: thumbnailName(row.fileName), contentType: "image/jpeg", data: row.thumbnail, isThumbnail: true };
  return { fileName: row.fileName, contentType: row.contentType, data: row.data, isThumbnail: false };
}

const thumbnailName = (name: string) => `${name.replace(/\.[^.]*$/, "") || "image"}-thumbnail.jpg`;
