import { and, asc, desc, eq, gt, inArray, lt, ne, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { agentBots, attachments, contacts, conversations, emailDeliveries, messages, users } from "@/db/schema";
import type { MessageDetails } from "./message-types";

export type MessagePageOptions = {
  beforeId?: number;
  afterId?: number;
  ids?: number[];
  limit: number;
  /** The OLDEST `limit` matching messages instead of the newest (catching up after an id). */
  oldestFirst?: boolean;
  /** Leave out private notes and activity lines (Chatwoot's filter_internal_messages). */
  publicOnly?: boolean;
};

/**
 * The newest `limit` matching messages of one conversation with their senders joined, newest
 * first: a backward walk of messages_conversation_idx. Exported so tests can EXPLAIN it.
 */
export function messagesQuery(db: DbOrTx, accountId: number, conversationId: number | null, options: MessagePageOptions) {
  return db
    .select({
      message: messages,
      displayId: conversations.displayId,
      contactName: contacts.name,
      contactEmail: contacts.email,
      contactThumbnail: contacts.thumbnail,
      userName: users.name,
      userDisplayName: users.displayName,
      userEmail: users.email,
      botName: agentBots.name,
      botAvatarUrl: agentBots.avatarUrl,
      deliveryId: emailDeliveries.id,
      deliveryStatus: emailDeliveries.status,
      deliveryTransport: emailDeliveries.transport,
      deliveryAttempts: emailDeliveries.attempts,
      deliveryLastError: emailDeliveries.lastError,
      deliveryNextAttemptAt: emailDeliveries.nextAttemptAt,
    })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId)))
    .leftJoin(contacts, and(eq(messages.senderType, "contact"), eq(contacts.accountId, messages.accountId), eq(contacts.id, messages.senderId)))
    .leftJoin(users, and(eq(messages.senderType, "user"), eq(users.id, messages.senderId)))
    .leftJoin(agentBots, and(eq(messages.senderType, "agent_bot"), eq(agentBots.id, messages.senderId)))
    .leftJoin(emailDeliveries, and(eq(emailDeliveries.accountId, messages.accountId), eq(emailDeliveries.messageId, messages.id)))
    .where(pageWhere(accountId, conversationId, options))
    .orderBy(options.oldestFirst ? asc(messages.id) : desc(messages.id))
    .limit(options.limit);
}

function pageWhere(accountId: number, conversationId: number | null, options: MessagePageOptions): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(messages.accountId, accountId), conversationId === null ? undefined : eq(messages.conversationId, conversationId)];
  if (options.beforeId !== undefined) where.push(lt(messages.id, options.beforeId));
  if (options.afterId !== undefined) where.push(gt(messages.id, options.afterId));
  if (options.ids !== undefined) where.push(inArray(messages.id, options.ids));
  if (options.publicOnly) where.push(eq(messages.private, false), ne(messages.messageType, "activity"));
  return and(...where);
}

/**
 * Messages of one conversation with their senders resolved (contact or user), the newest
 * `limit` matching rows, returned oldest first as a thread reads.
 */
/** `conversationId` null: the account's messages with `options.ids`, of any conversation (a batch of events). */
export async function selectMessages(db: DbOrTx, accountId: number, conversationId: number | null, options: MessagePageOptions): Promise<MessageDetails[]> {
  const rows = await messagesQuery(db, accountId, conversationId, options);
  if (!options.oldestFirst) rows.reverse();
  return rows.map((r) => {
    const m = r.message;
    let sender: MessageDetails["sender"] = null;
    if (m.senderType === "contact" && m.senderId !== null && r.contactName !== null) {
      sender = { id: m.senderId, type: "contact", name: r.contactName, email: r.contactEmail, thumbnail: r.contactThumbnail };
    } else if (m.senderType === "user" && m.senderId !== null && r.userName !== null) {
      sender = { id: m.senderId, type: "user", name: r.userDisplayName || r.userName, email: r.userEmail, thumbnail: null };
    } else if (m.senderType === "agent_bot" && m.senderId !== null && r.botName !== null) {
      sender = { id: m.senderId, type: "agent_bot", name: r.botName, email: null, thumbnail: r.botAvatarUrl };
    }
    return {
      id: m.id,
      accountId: m.accountId,
      inboxId: m.inboxId,
      conversationId: m.conversationId,
      conversationDisplayId: r.displayId,
      messageType: m.messageType,
      content: m.content,
      contentHtml: m.contentHtml,
      contentType: m.contentType,
      contentAttributes: m.contentAttributes,
      private: m.private,
      status: m.status,
      sourceId: m.sourceId,
      senderType: m.senderType,
      senderId: m.senderId,
      sender,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      delivery:
        r.deliveryId === null || r.deliveryStatus === null || r.deliveryTransport === null || r.deliveryAttempts === null
          ? null
          : {
              id: r.deliveryId,
              status: r.deliveryStatus,
              transport: r.deliveryTransport,
              attempts: r.deliveryAttempts,
              lastError: r.deliveryLastError,
              nextAttemptAt: r.deliveryNextAttemptAt,
            },
    };
  });
}

export type ThreadAttachment = { id: number; messageId: number; fileName: string; contentType: string; byteSize: number; width: number | null; height: number | null };

/**
 * The attachments (without bytes) of the messages one page of the thread shows — the same page
 * selectMessages reads, as a subquery — in one statement, so a thread costs the same number of
 * queries whatever its number of emails. The caller has checked that the conversation is visible.
 */
export async function selectThreadAttachments(db: DbOrTx, accountId: number, conversationId: number, options: MessagePageOptions): Promise<ThreadAttachment[]> {
  const page = db.select({ id: messages.id }).from(messages).where(pageWhere(accountId, conversationId, options)).orderBy(desc(messages.id)).limit(options.limit);
  return db
    .select({ id: attachments.id, messageId: attachments.messageId, fileName: attachments.fileName, contentType: attachments.contentType, byteSize: attachments.byteSize, width: attachments.width, height: attachments.height })
    .from(attachments)
    .where(and(eq(attachments.accountId, accountId), inArray(attachments.messageId, page)))
    .orderBy(asc(attachments.id));
}
