import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, pgTable, primaryKey, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { contacts } from "./contacts";
import { conversations } from "./conversations";

/**
 * Labels (Chatwoot's Label): an account's tags for conversations and contacts. Titles are lower
 * case and unique per account, as Chatwoot keeps them; conversations and contacts reference a
 * label by id through the join tables below, so renaming a label renames it everywhere at once.
 */
export const labels = pgTable(
  "labels",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    title: text().notNull(),
    description: text(),
    color: text().notNull().default("#1f93ff"),
    showOnSidebar: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("labels_account_title_key").on(t.accountId, sql`lower(${t.title})`),
    unique("labels_account_id_id_key").on(t.accountId, t.id),
  ],
);

/**
 * A label on a conversation. The primary key reads a conversation's labels; the label index finds
 * a label's conversations for the list filter (docs/labels-and-teams.md measures both at 1M).
 */
export const conversationLabels = pgTable(
  "conversation_labels",
  {
    accountId: integer().notNull(),
    conversationId: integer().notNull(),
    labelId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.conversationId, t.labelId] }),
    index("conversation_labels_label_idx").on(t.accountId, t.labelId, t.conversationId),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.labelId], foreignColumns: [labels.accountId, labels.id] }).onDelete("cascade"),
  ],
);

/** A label on a contact. */
export const contactLabels = pgTable(
  "contact_labels",
  {
    accountId: integer().notNull(),
    contactId: integer().notNull(),
    labelId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.contactId, t.labelId] }),
    index("contact_labels_label_idx").on(t.accountId, t.labelId, t.contactId),
    foreignKey({ columns: [t.accountId, t.contactId], foreignColumns: [contacts.accountId, contacts.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.labelId], foreignColumns: [labels.accountId, labels.id] }).onDelete("cascade"),
  ],
);

export type Label = typeof labels.$inferSelect;
