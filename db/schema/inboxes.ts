import { boolean, foreignKey, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { channelType } from "./enums";

export const inboxes = pgTable(
  "inboxes",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    channelType: channelType().notNull(),
    // Id in the channel's own config table (channel_api now; channel_email with the email issue).
    channelId: integer().notNull(),
    greetingEnabled: boolean().notNull().default(false),
    greetingMessage: text(),
    // Appended to every email reply sent from the inbox, after the agent's own (sanitized HTML).
    emailSignature: text(),
    // Off until an administrator turns it on: new conversations go round-robin to online members
    // (lib/assignment). Chatwoot defaults it on; here the switch had no effect before, so on would
    // have started assigning in every existing inbox at the upgrade.
    enableAutoAssignment: boolean().notNull().default(false),
    // Chatwoot's auto_assignment_config.max_assignment_limit: open conversations per agent in this inbox; null = no limit.
    autoAssignmentLimit: integer(),
    allowMessagesAfterResolved: boolean().notNull().default(true),
    // Chatwoot's working_hours_enabled: the inbox keeps business hours (its own, or else the account's).
    workingHoursEnabled: boolean().notNull().default(false),
    // Its own schedule (lib/business-hours/schedule.ts); null = the account's.
    businessHours: jsonb().$type<{ timeZone: string; days: { open: number; close: number }[][]; holidays: string[] }>(),
    // Sent as an automatic reply to mail arriving outside business hours (when set).
    outOfOfficeMessage: text(),
    // Chatwoot's csat_survey_enabled: a satisfaction survey mail when a conversation is resolved (lib/csat).
    csatSurveyEnabled: boolean().notNull().default(false),
    // Chatwoot's csat_config: the survey's display_type (emoji or star) and message (the mail's text); lib/csat/config.ts.
    csatConfig: jsonb().$type<{ display_type?: "emoji" | "star"; message?: string }>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("inboxes_account_idx").on(t.accountId),
    // Target of composite foreign keys that keep children in the same account.
    unique("inboxes_account_id_id_key").on(t.accountId, t.id),
  ],
);

/** Config of an API channel (Chatwoot's Channel::Api). */
export const channelApi = pgTable(
  "channel_api",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    webhookUrl: text(),
    identifier: text().notNull(),
    hmacToken: text().notNull(),
    hmacMandatory: boolean().notNull().default(false),
    // Signs the events sent to webhookUrl (a `whsec_` secret, encrypted at rest like webhooks'):
    // set on creation, and on the first delivery for inboxes made before it existed.
    secret: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channel_api_account_idx").on(t.accountId), uniqueIndex("channel_api_identifier_key").on(t.identifier)],
);

export const inboxMembers = pgTable(
  "inbox_members",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull(),
    inboxId: integer().notNull(),
    userId: integer().notNull().references(() => users.id, { onDelete: "cascade" }),
    // Round-robin order of auto-assignment: the member assigned longest ago (or never) goes next.
    lastAutoAssignedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("inbox_members_inbox_user_key").on(t.inboxId, t.userId),
    index("inbox_members_account_user_idx").on(t.accountId, t.userId),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

export type Inbox = typeof inboxes.$inferSelect;
export type ChannelApi = typeof channelApi.$inferSelect;
export type InboxMember = typeof inboxMembers.$inferSelect;
