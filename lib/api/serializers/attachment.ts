import { fileTypeOf } from "@/lib/email/ingest/attachments";
import { appUrl } from "@/lib/env";
import type { AttachmentInfo } from "@/lib/messages/get-attachment";

/**
 * Chatwoot's attachment JSON (Attachment#push_event_data). `data_url` is the file on our own
 * address: agents' browsers open it with their session, API clients with their api_access_token
 * header; `thumb_url` is an image's thumbnail (the original until the job made it), "" otherwise;
 * `width` / `height` are the image's size in pixels once measured.
 */
export function serializeAttachment(accountId: number, a: AttachmentInfo) {
  const fileType = fileTypeOf(a.contentType);
  const url = `${appUrl()}/api/accounts/${accountId}/attachments/${a.id}`;
  const dot = a.fileName.lastIndexOf(".");
  return {
    id: a.id,
    message_id: a.messageId,
    file_type: fileType,
    account_id: accountId,
    extension: dot > 0 && dot < a.fileName.length - 1 ? a.fileName.slice(dot + 1).toLowerCase() : null,
    data_url: url,
    thumb_url: fileType === "image" ? `${url}/thumbnail` : "",
    file_size: a.byteSize,
    width: a.width ?? null,
    height: a.height ?? null,
  };
}
