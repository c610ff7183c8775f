import { sql } from "drizzle-orm";
import { bigserial, foreignKey, index, integer, jsonb, pgTable, serial, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { contactInboxes, contacts } from "./contacts";
import { conversationPriority, conversationStatus } from "./enums";
import { inboxes } from "./inboxes";
import { teams } from "./teams";

export const conversations = pgTable(
  "conversations",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer().notNull(),
    displayId: integer().notNull(),
    uuid: uuid().notNull().defaultRandom(),
    contactId: integer().notNull(),
    contactInboxId: integer(),
    status: conversationStatus().notNull().default("open"),
    priority: conversationPriority(),
    assigneeId: integer().references(() => users.id, { onDelete: "set null" }),
    // A team, with or without an agent (lib/teams/assign-team.ts checks it is the account's).
    teamId: integer().references(() => teams.id, { onDelete: "set null" }),
    snoozedUntil: timestamp({ withTimezone: true }),
    lastActivityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    agentLastSeenAt: timestamp({ withTimezone: true }),
    // The newest incoming message's created_at, kept by triggers on messages (migration 0020), so
    // "unread" (last_incoming_at > agent_last_seen_at) needs no messages probe (db/queries/unread.ts).
    lastIncomingAt: timestamp({ withTimezone: true }),
    assigneeLastSeenAt: timestamp({ withTimezone: true }),
    contactLastSeenAt: timestamp({ withTimezone: true }),
    firstReplyCreatedAt: timestamp({ withTimezone: true }),
    waitingSince: timestamp({ withTimezone: true }),
    additionalAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    customAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("conversations_account_display_id_key").on(t.accountId, t.displayId),
    unique("conversations_account_id_id_key").on(t.accountId, t.id),
    unique("conversations_uuid_key").on(t.uuid),
    // The conversation list: filter by account and status, newest activity first, id as tiebreak
    // for keyset pagination. The inbox and assignee variants serve the Mine and inbox filters.
    index("conversations_list_idx").on(t.accountId, t.status, t.lastActivityAt.desc(), t.id.desc()),
    index("conversations_inbox_list_idx").on(t.accountId, t.inboxId, t.status, t.lastActivityAt.desc(), t.id.desc()),
    index("conversations_assignee_list_idx").on(t.accountId, t.assigneeId, t.status, t.lastActivityAt.desc(), t.id.desc()),
    // Every status, newest activity first: the search's walk over the newest conversations (lib/search).
    index("conversations_activity_idx").on(t.accountId, t.lastActivityAt.desc(), t.id.desc()),
    // The other sort orders (lib/conversations/filter/sort.ts), walked forwards or backwards; the
    // created one also serves created-at ranges, the list index last-activity ranges.
    index("conversations_created_list_idx").on(t.accountId, t.status, t.createdAt.desc(), t.id.desc()),
    // Created order over every status (status=all&sort_by=created_at_asc/desc), read either way.
    index("conversations_created_idx").on(t.accountId, t.createdAt.desc(), t.id.desc()),
    index("conversations_status_priority_idx").on(t.accountId, t.status, t.priority.asc().nullsLast(), t.lastActivityAt.desc(), t.id.desc()),
    index("conversations_waiting_list_idx").on(t.accountId, t.status, t.waitingSince.asc().nullsLast(), t.id.asc()),
    // The team filter and "my teams" views (the priority filter uses conversations_status_priority_idx).
    index("conversations_team_list_idx").on(t.accountId, t.teamId, t.status, t.lastActivityAt.desc(), t.id.desc()),
    index("conversations_contact_idx").on(t.accountId, t.contactId),
    // Serves the foreign key's check when contact_inboxes rows are deleted (an inbox or a contact).
    index("conversations_contact_inbox_idx").on(t.accountId, t.contactInboxId),
    // Conversations waiting for auto-assignment, oldest first (lib/assignment): only open, unassigned rows.
    index("conversations_unassigned_open_idx")
      .on(t.accountId, t.inboxId, t.waitingSince.asc().nullsLast(), t.id.asc())
      .where(sql`${t.status} = 'open' and ${t.assigneeId} is null`),
    index("conversations_snoozed_idx").on(t.snoozedUntil).where(sql`${t.status} = 'snoozed'`),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.contactId], foreignColumns: [contacts.accountId, contacts.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.contactInboxId], foreignColumns: [contactInboxes.accountId, contactInboxes.id] }).onDelete("set null"),
  ],
);

export type Conversation = typeof conversations.$inferSelect;

/**
 * The sidebar's counts of OPEN conversations per (inbox, assignee): how many, and how many unread.
 * Rows are deltas written by statement-level triggers on conversations (migration
 * 0023_conversation_open_counts), never updated in place, so concurrent writers never wait for one
 * another; the count is the sum of a group's rows. compactConversationOpenCounts folds them into
 * one row per group every minute, so a read sums a few hundred rows at most.
 */
export const conversationOpenCounts = pgTable(
  "conversation_open_counts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    inboxId: integer().notNull(),
    assigneeId: integer(),
    total: integer().notNull(),
    unread: integer().notNull(),
  },
  (t) => [index("conversation_open_counts_account_idx").on(t.accountId, t.inboxId, t.assigneeId)],
);

/**
 * The tab counts of the other statuses (pending, resolved, snoozed) per (inbox, assignee): what
 * conversation_open_counts is for open, without unread. Delta rows written by statement-level
 * triggers on conversations (migration 0036), folded by the same minute's compaction, so the
 * "resolved" or "all" tabs at a million conversations read a few hundred rows instead of counting
 * hundreds of thousands.
 */
export const conversationStatusCounts = pgTable(
  "conversation_status_counts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    status: conversationStatus().notNull(),
    inboxId: integer().notNull(),
    assigneeId: integer(),
    total: integer().notNull(),
  },
  (t) => [index("conversation_status_counts_account_idx").on(t.accountId, t.status, t.inboxId, t.assigneeId)],
);
