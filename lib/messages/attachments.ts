import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { attachments } from "@/db/schema";
import { storeAttachments } from "@/lib/email/ingest/attachments";
import { env } from "@/lib/env";
import { AppError, invalid } from "@/lib/errors";
import type { AttachmentInfo } from "./get-attachment";

/** At most this many files on one message (Chatwoot's clients send a handful). */
export const MAX_MESSAGE_ATTACHMENTS = 10;

/** A file an agent or API client attaches to a message, read into memory. */
export type MessageFile = { filename: string; contentType: string; content: Buffer };

/** The per-file limit agents' attachments obey (ATTACHMENT_UPLOAD_MAX_BYTES). */
export const attachmentUploadLimit = (): number => env().ATTACHMENT_UPLOAD_MAX_BYTES;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function tooLarge(name: string): AppError {
  return new AppError("too_large", `${name || "An attachment"} is larger than the ${formatBytes(attachmentUploadLimit())} limit for attachments`);
}

/** Files of a multipart request (`attachments[]`), checked against the limits before anything is written. */
export async function readMessageFiles(files: readonly File[]): Promise<MessageFile[]> {
  if (files.length > MAX_MESSAGE_ATTACHMENTS) throw invalid(`At most ${MAX_MESSAGE_ATTACHMENTS} attachments`);
  const max = attachmentUploadLimit();
  for (const file of files) if (file.size > max) throw tooLarge(file.name);
  return Promise.all(
    files.map(async (file) => ({ filename: file.name || "attachment", contentType: file.type || "application/octet-stream", content: Buffer.from(await file.arrayBuffer()) })),
  );
}

/** Stores files on a message, in the caller's transaction (the mail job reads them when it builds the MIME). */
export async function storeMessageFiles(tx: Tx, accountId: number, messageId: number, files: readonly MessageFile[]): Promise<void> {
  if (files.length === 0) return;
  await storeAttachments(
    tx,
    accountId,
    messageId,
    files.map((f) => ({ ...f, size: f.content.length, contentId: null, inline: false })),
  );
}

/**
 * Moves the agent's staged uploads (lib/messages/attachment-uploads.ts) onto a new message, in one
 * statement: the bytes never leave PostgreSQL. Every id must be the agent's own and still there.
 */
export async function attachUploads(tx: Tx, accountId: number, userId: number | null, messageId: number, uploadIds: readonly string[]): Promise<void> {
  if (uploadIds.length === 0) return;
  if (uploadIds.length > MAX_MESSAGE_ATTACHMENTS) throw invalid(`At most ${MAX_MESSAGE_ATTACHMENTS} attachments`);
  if (userId === null) throw invalid("Only an agent's own uploads can be attached");
  const ids = [...new Set(uploadIds)];
  const moved = await tx.execute(sql`
    with taken as (
      delete from message_uploads
      where account_id = ${accountId} and user_id = ${userId} and id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
      returning id, file_name, content_type, byte_size, data, created_at
    )
    insert into attachments (account_id, message_id, file_type, file_name, content_type, byte_size, data)
    select ${accountId}, ${messageId},
      (case split_part(lower(content_type), '/', 1) when 'image' then 'image' when 'audio' then 'audio' when 'video' then 'video' else 'file' end)::file_type,
      file_name, content_type, byte_size, data
    from taken order by created_at, id
    returning id`);
  if (moved.length !== ids.length) throw invalid("An attachment is no longer there: attach the file again");
}

/** One message's attachments (without bytes), for a caller that already knows the message is visible (webhook payloads). */
export async function attachmentsOfMessage(db: DbOrTx, accountId: number, messageId: number): Promise<AttachmentInfo[]> {
  return db
    .select({ id: attachments.id, messageId: attachments.messageId, fileName: attachments.fileName, contentType: attachments.contentType, byteSize: attachments.byteSize, width: attachments.width, height: attachments.height })
    .from(attachments)
    .where(and(eq(attachments.accountId, accountId), eq(attachments.messageId, messageId)))
    .orderBy(asc(attachments.id));
}
