import { foreignKey, index, integer, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { contacts } from "./contacts";
import { conversations } from "./conversations";

/** Agents' notes on a contact (Chatwoot's /contacts/{id}/notes). The author may leave the account; the note stays. */
export const contactNotes = pgTable(
  "contact_notes",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    contactId: integer().notNull(),
    userId: integer().references(() => users.id, { onDelete: "set null" }),
    content: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contact_notes_contact_idx").on(t.accountId, t.contactId, t.createdAt.desc()),
    foreignKey({ columns: [t.accountId, t.contactId], foreignColumns: [contacts.accountId, contacts.id] }).onDelete("cascade"),
  ],
);

/**
 * Agents following a conversation: Chatwoot's conversation participants (the API keeps that name;
 * our conversation_participants table holds the contacts on an email's Cc).
 */
export const conversationFollowers = pgTable(
  "conversation_followers",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: integer().notNull(),
    userId: integer().notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("conversation_followers_conversation_user_key").on(t.accountId, t.conversationId, t.userId),
    index("conversation_followers_user_idx").on(t.accountId, t.userId),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
  ],
);

/** The last time each agent was @mentioned in a conversation: the "Mentions" view, newest first. */
export const mentions = pgTable(
  "mentions",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    conversationId: integer().notNull(),
    userId: integer().notNull().references(() => users.id, { onDelete: "cascade" }),
    mentionedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("mentions_conversation_user_key").on(t.accountId, t.conversationId, t.userId),
    index("mentions_user_idx").on(t.accountId, t.userId, t.mentionedAt.desc()),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
  ],
);

/**
 * What each agent wants to be told, per kind, in the app (Chatwoot's push flags) and by email
 * (a digest). No row: the defaults (lib/notifications/settings.ts).
 */
export const notificationSettings = pgTable(
  "notification_settings",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer().notNull().references(() => users.id, { onDelete: "cascade" }),
    emailFlags: text().array().notNull(),
    pushFlags: text().array().notNull(),
    // When the last digest went out: the next waits at least the minimum interval.
    lastDigestAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("notification_settings_account_user_key").on(t.accountId, t.userId)],
);

export type ContactNote = typeof contactNotes.$inferSelect;
