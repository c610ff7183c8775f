import { sql } from "drizzle-orm";
import { customType, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Files an agent attached in the composer, uploaded one by one (each with its own progress)
 * before the reply or note is sent; sending moves them into `attachments` of the new message.
 * The id is a random token only the uploading agent holds; leftovers of drafts never sent are
 * deleted after a day (lib/messages/attachment-uploads.ts).
 */
export const messageUploads = pgTable(
  "message_uploads",
  {
    id: text().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    data: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index("message_uploads_account_user_idx").on(t.accountId, t.userId, t.createdAt)],
);

export type MessageUpload = typeof messageUploads.$inferSelect;
