import { randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { messageUploads } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { invalid, notFound } from "@/lib/errors";
import { attachmentUploadLimit, tooLarge } from "./attachments";

/** How long an upload waits for its reply to be sent before it is thrown away. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

export type StagedUpload = { id: string; fileName: string; contentType: string; byteSize: number };

export const cleanName = (name: string) =>
  name
    // Control characters and path separators: a name is shown and sent, never a path.
    .replace(/[/\\]/g, "_")
    .replace(/\p{Cc}/gu, "_")
    .trim()
    .slice(0, 255) || "attachment";

/**
 * Keeps one file the agent attached in the composer until the reply or note is sent (sending
 * moves it onto the message: attachUploads). Each file is its own request, so the composer shows
 * each one's progress, and none is larger than ATTACHMENT_UPLOAD_MAX_BYTES. The agent's uploads
 * older than a day (drafts never sent) are deleted here, so nothing piles up.
 */
export async function stageUpload(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  file: { fileName: string; contentType: string; data: Buffer },
): Promise<StagedUpload> {
  const access = await requireAccountAccess(db, actor, accountId);
  if (access.userId === null) throw notFound("Agent");
  if (file.data.length === 0) throw invalid("The file is empty");
  if (file.data.length > attachmentUploadLimit()) throw tooLarge(file.fileName);
  const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType.toLowerCase() : "application/octet-stream";
  await db
    .delete(messageUploads)
    .where(and(eq(messageUploads.accountId, accountId), eq(messageUploads.userId, access.userId), lt(messageUploads.createdAt, new Date(Date.now() - UPLOAD_TTL_MS))));
  const [row] = await db
    .insert(messageUploads)
    .values({ id: randomBytes(18).toString("base64url"), accountId, userId: access.userId, fileName: cleanName(file.fileName), contentType, byteSize: file.data.length, data: file.data })
    .returning({ id: messageUploads.id, fileName: messageUploads.fileName, contentType: messageUploads.contentType, byteSize: messageUploads.byteSize });
  return row;
}
