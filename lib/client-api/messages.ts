import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { attachments, messages } from "@/db/schema";
import type { AttachmentFile } from "@/lib/messages/get-attachment";
import { inTransaction } from "@/db/transaction";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { storeAttachments } from "@/lib/email/ingest/attachments";
import { env } from "@/lib/env";
import { AppError, invalid } from "@/lib/errors";
import { writeMessage } from "@/lib/messages/create-message";
import { emitMessageUpdatedById } from "@/lib/realtime/emit";
import { emitContactMessageUpdated } from "@/lib/realtime/contact-events";
import { findContactConversation, resourceNotFound } from "./caller";
import { clientApiActor } from "./contacts";
import { actingContact, CLIENT_MESSAGES_PER_PAGE, publicMessages, type ClientMessage } from "./conversations";

export const MAX_ATTACHMENTS = 10;

/** GET messages: the conversation's public messages, 20 at a time, `before` a message id. */
export async function listClientMessages(
  db: DbOrTx,
  inboxIdentifier: string,
  sourceId: string,
  displayId: number,
  params: { before?: number } = {},
): Promise<ClientMessage[]> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const conversation = await findContactConversation(db, contact, displayId);
  return publicMessages(db, conversation, { limit: CLIENT_MESSAGES_PER_PAGE, beforeId: params.before });
}

export const createClientMessageInput = z
  .object({
    content: z.string().max(150_000, "Content is too long").optional(),
    /** The client's own id for the message, echoed back so it can match its optimistic copy. */
    echoId: z.string().max(255).optional(),
    attachments: z.array(z.instanceof(File)).max(MAX_ATTACHMENTS, `At most ${MAX_ATTACHMENTS} attachments`).default([]),
  })
  .refine((m) => (m.content ?? "").trim().length > 0 || m.attachments.length > 0, { message: "Content can't be blank", path: ["content"] });
export type CreateClientMessageInput = z.input<typeof createClientMessageInput>;

/**
 * POST messages: an incoming message from the contact, written by the same writeMessage as every
 * other message (reopening, waiting clock, notifications, live events, webhooks), with its files.
 * A message to a resolved conversation reopens it, whatever the inbox's "allow messages after
 * resolved" says: as in Chatwoot, that setting tells the client's UI to offer a new conversation
 * instead of a reply box; a client that posts anyway has its message kept. A blocked
 * contact's message is kept but, as Chatwoot's muted conversations, changes nothing for the agents:
 * no reopening, no waiting clock, no notification (keepStatus, as imported history).
 */
export async function createClientMessage(
  db: DbOrTx,
  inboxIdentifier: string,
  sourceId: string,
  displayId: number,
  params: CreateClientMessageInput,
): Promise<ClientMessage & { echoId: string | null }> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const input = parseInput(createClientMessageInput, params);
  const conversation = await findContactConversation(db, contact, displayId);
  const maxBytes = env().EMAIL_ATTACHMENT_MAX_BYTES;
  const files = await Promise.all(
    input.attachments.map(async (file) => {
      if (file.size > maxBytes) throw new AppError("too_large", `${file.name || "An attachment"} is larger than the limit for attachments`);
      return { filename: file.name || "attachment", contentType: file.type || "application/octet-stream", content: Buffer.from(await file.arrayBuffer()) };
    }),
  );
  const access = await requireAccountAccess(db, clientApiActor, contact.accountId);
  const { messageId } = await inTransaction(db, async (tx, afterCommit) => {
    const written = await writeMessage(tx, afterCommit, access, conversation.displayId, {
      content: input.content ?? "",
      messageType: "incoming",
      senderContactId: contact.contactId,
      keepStatus: contact.blocked,
      allowBlank: files.length > 0,
      echoId: input.echoId,
    });
    await storeAttachments(
      tx,
      contact.accountId,
      written.messageId,
      files.map((f) => ({ ...f, size: f.content.length, contentId: null, inline: false })),
    );
    return written;
  });
  const [created] = await publicMessages(db, conversation, { limit: 1, ids: [messageId] });
  if (!created) throw resourceNotFound();
  return { ...created, echoId: input.echoId ?? null };
}

const submittedValue = z.object({ name: z.string().max(255).optional(), title: z.string().max(1000).optional(), value: z.unknown().optional() }).passthrough();
export const updateClientMessageInput = z.object({
  submittedValues: z.union([z.array(submittedValue).max(100), submittedValue]),
});
export type UpdateClientMessageInput = z.input<typeof updateClientMessageInput>;

const INTERACTIVE = new Set(["input_text", "input_textarea", "input_email", "input_select", "cards", "form", "input_csat"]);

/**
 * PATCH messages/{id}: the contact's answer to an interactive message (form, input, select):
 * stored as `content_attributes.submitted_values`, like Chatwoot. Only public interactive
 * messages of the contact's own conversation can be answered.
 */
export async function updateClientMessage(
  db: DbOrTx,
  inboxIdentifier: string,
  sourceId: string,
  displayId: number,
  messageId: number,
  params: UpdateClientMessageInput,
): Promise<ClientMessage> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const input = parseInput(updateClientMessageInput, params);
  const conversation = await findContactConversation(db, contact, displayId);
  if (!Number.isSafeInteger(messageId) || messageId <= 0) throw resourceNotFound();
  const values = Array.isArray(input.submittedValues) ? input.submittedValues : [input.submittedValues];
  await inTransaction(db, async (tx, afterCommit) => {
    const [row] = await tx
      .select({ id: messages.id, contentType: messages.contentType, contentAttributes: messages.contentAttributes, private: messages.private })
      .from(messages)
      .where(and(eq(messages.accountId, conversation.accountId), eq(messages.conversationId, conversation.id), eq(messages.id, messageId)))
      .for("update");
    if (!row || row.private) throw resourceNotFound();
    if (!INTERACTIVE.has(row.contentType)) throw invalid("Only forms and inputs take submitted values");
    await tx
      .update(messages)
      .set({ contentAttributes: { ...row.contentAttributes, submitted_values: values }, updatedAt: new Date() })
      .where(and(eq(messages.accountId, conversation.accountId), eq(messages.id, messageId)));
    emitMessageUpdatedById(afterCommit, { accountId: conversation.accountId, messageId });
    emitContactMessageUpdated(afterCommit, { accountId: conversation.accountId, conversationId: conversation.id, messageId });
  });
  const [updated] = await publicMessages(db, conversation, { limit: 1, ids: [messageId] });
  if (!updated) throw resourceNotFound();
  return updated;
}

/** The file of an attachment of one of the contact's public messages (what data_url points at). */
export async function getClientAttachment(
  db: DbOrTx,
  inboxIdentifier: string,
  sourceId: string,
  ids: { displayId: number; messageId: number; attachmentId: number },
): Promise<AttachmentFile> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const conversation = await findContactConversation(db, contact, ids.displayId);
  const [row] = await db
    .select({ fileName: attachments.fileName, contentType: attachments.contentType, data: attachments.data })
    .from(attachments)
    .innerJoin(messages, and(eq(messages.accountId, attachments.accountId), eq(messages.id, attachments.messageId)))
    .where(
      and(
        eq(attachments.accountId, conversation.accountId),
        eq(attachments.id, ids.attachmentId),
        eq(messages.id, ids.messageId),
        eq(messages.conversationId, conversation.id),
        eq(messages.private, false),
      ),
    )
    .limit(1);
  if (!row?.data) throw resourceNotFound();
  return { fileName: row.fileName, contentType: row.contentType, data: row.data };
}
