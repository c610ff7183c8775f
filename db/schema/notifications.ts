import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { conversations } from "./conversations";
import { inboxes } from "./inboxes";

// Chatwoot's names for the same events, so API clients that know them keep working.
export const notificationType = pgEnum("notification_type", [
  "conversation_assignment",
  "assigned_conversation_new_message",
  "inbox_reconnect_needed",
  "webhook_disabled",
  // Ours: an agent bot handed a conversation to the humans of its inbox.
  "conversation_handoff",
  "conversation_mention",
  "participating_conversation_new_message",
  "conversation_creation",
  // An SLA target was missed (lib/sla/breaches.ts).
  "sla_missed_first_response",
  "sla_missed_next_response",
  "sla_missed_resolution",
]);

/**
 * Personal notifications: one row per recipient. The primary actor is the conversation or the
 * inbox the notification is about; composite keys keep it in the recipient's account, and it
 * goes when its conversation or inbox is deleted.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer().notNull().references(() => users.id, { onDelete: "cascade" }),
    notificationType: notificationType().notNull(),
    conversationId: integer(),
    inboxId: integer(),
    title: text().notNull(),
    body: text().notNull().default(""),
    readAt: timestamp({ withTimezone: true }),
    // Waiting for the recipient's next email digest (their settings ask for email of this kind).
    emailPending: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The bell: a user's notifications in one account, newest first (id breaks ties for paging).
    index("notifications_user_list_idx").on(t.accountId, t.userId, t.createdAt.desc(), t.id.desc()),
    // Serves the cascade when conversations are deleted.
    index("notifications_conversation_idx").on(t.accountId, t.conversationId),
    // The digest job's work list: small, since rows leave it once mailed.
    index("notifications_email_pending_idx").on(t.userId, t.accountId).where(sql`${t.emailPending}`),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

export type Notification = typeof notifications.$inferSelect;
export type NotificationType = (typeof notificationType.enumValues)[number];
