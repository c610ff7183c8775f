import type { DbOrTx } from "@/db/client";
import { selectMessages, selectThreadAttachments } from "@/db/queries/messages";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import type { AttachmentInfo } from "./get-attachment";
import { findVisibleMessage } from "./message-access";
import type { MessageDetails } from "./types";

/**
 * One message as the thread shows it, with its attachments: what an open thread fetches when a
 * live event cannot carry the message (an incoming email, whose view is sanitized on the server,
 * or a payload sent `partial`). Two indexed reads after the visibility check, whatever the size
 * of the conversation. Not visible or gone: "not found".
 */
export async function getThreadMessage(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  messageId: number,
): Promise<{ message: MessageDetails; attachments: AttachmentInfo[] }> {
  const { message: found } = await findVisibleMessage(db, actor, accountId, messageId);
  const page = { ids: [found.id], limit: 1 };
  const [[message], attachments] = await Promise.all([
    selectMessages(db, accountId, found.conversationId, page),
    selectThreadAttachments(db, accountId, found.conversationId, page),
  ]);
  if (!message) throw notFound("Message");
  return { message, attachments };
}
