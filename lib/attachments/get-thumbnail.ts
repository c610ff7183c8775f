import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { findVisibleAttachment, type AttachmentFile } from "@/lib/messages/get-attachment";

/**
 * An image attachment's thumbnail (`thumb_url`), with the same access checks as the file itself:
 * the actor must see the message. Until the job has made it (or when the image could not be
 * decoded) it is the original file, as Chatwoot serves an attachment without a variant.
 */
export async function getAttachmentThumbnail(db: DbOrTx, actor: Actor, accountId: number, attachmentId: number): Promise<AttachmentFile & { isThumbnail: boolean }> {
  const row = await findVisibleAttachment(db, actor, accountId, attachmentId, { withThumbnail: true });
  if (row.thumbnail) return { fileName: thumbnailName(row.fileName), contentType: "image/jpeg", data: row.thumbnail, isThumbnail: true };
  return { fileName: row.fileName, contentType: row.contentType, data: row.data, isThumbnail: false };
}

const thumbnailName = (name: string) => `${name.replace(/\.[^.]*$/, "") || "image"}-thumbnail.jpg`;
