import { sql } from "drizzle-orm";
import { bigserial, bigint, boolean, customType, foreignKey, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { conversations } from "./conversations";
import { contentType, fileType, messageStatus, messageType, senderType } from "./enums";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const messages = pgTable(
  "messages",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer().notNull(),
    conversationId: integer().notNull(),
    messageType: messageType().notNull(),
    content: text(),
    // An agent's formatted reply or note: the sanitized HTML; `content` is then its plain text.
    contentHtml: text(),
    contentType: contentType().notNull().default("text"),
    contentAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    private: boolean().notNull().default(false),
    status: messageStatus().notNull().default("sent"),
    sourceId: text(),
    // Sender is polymorphic as in Chatwoot: a contact, a user (agent) or an agent bot.
    senderType: senderType(),
    senderId: integer(),
    externalSourceIds: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    additionalAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("messages_conversation_idx").on(t.accountId, t.conversationId, t.id),
    // Threading looks up Message-IDs (stored in source_id, without angle brackets) per inbox.
    index("messages_inbox_source_idx").on(t.inboxId, t.sourceId).where(sql`${t.sourceId} is not null`),
    // The list marks conversations with a reply that was not delivered; failed replies are few.
    index("messages_failed_replies_idx")
      .on(t.accountId, t.conversationId)
      .where(sql`${t.status} = 'failed' and ${t.messageType} = 'outgoing' and not ${t.private}`),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    messageId: bigint({ mode: "number" }).notNull().references(() => messages.id, { onDelete: "cascade" }),
    fileType: fileType().notNull().default("file"),
    fileName: text().notNull(),
    contentType: text().notNull().default("application/octet-stream"),
    byteSize: integer().notNull().default(0),
    // Bytes live in PostgreSQL so every instance can serve them; an external URL is kept instead
    // for attachments that point elsewhere.
    data: bytea(),
    externalUrl: text(),
    // An image's thumbnail (a small JPEG, lib/attachments/thumbnails.ts) and the original's size in
    // pixels, made by a job after the file is stored; tried once (thumbnailTriedAt), null when the
    // image could not be decoded or is not an image.
    thumbnail: bytea(),
    width: integer(),
    height: integer(),
    thumbnailTriedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("attachments_message_idx").on(t.accountId, t.messageId),
    // Only the images still waiting for a thumbnail: the job's sweep reads this, never the table.
    index("attachments_thumbnail_pending_idx")
      .on(t.id)
      .where(sql`${t.fileType} = 'image' and ${t.thumbnailTriedAt} is null and ${t.data} is not null`),
  ],
);

export type Message = typeof messages.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
