import { bigint, bigserial, doublePrecision, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { conversations } from "./conversations";

/** The facts reports are computed from (lib/reports/events.ts says when each is written). */
export const REPORTING_EVENT_NAMES = [
  "conversation_created",
  "first_response",
  "reply_time",
  "conversation_resolved",
  "conversation_opened",
  "message_incoming",
  "message_outgoing",
] as const;
export type ReportingEventName = (typeof REPORTING_EVENT_NAMES)[number];

/**
 * Reporting events (Chatwoot's reporting_events): one row per fact, derived from a conversation's
 * committed history, so every figure can be recomputed and explained. `key` makes writing them
 * idempotent (the live hook and the backfill write the same keys). Durations are seconds, both
 * wall-clock and counted in business hours. `eventEndTime` places an event in a report's range.
 */
export const reportingEvents = pgTable(
  "reporting_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    key: text().notNull(),
    name: text({ enum: REPORTING_EVENT_NAMES }).notNull(),
    value: doublePrecision().notNull(),
    valueInBusinessHours: doublePrecision().notNull(),
    inboxId: integer().notNull(),
    /** The agent the figure belongs to: who replied, or the assignee when it was resolved. */
    userId: integer(),
    conversationId: integer().notNull(),
    messageId: bigint({ mode: "number" }),
    eventStartTime: timestamp({ withTimezone: true }).notNull(),
    eventEndTime: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("reporting_events_account_key").on(t.accountId, t.key),
    index("reporting_events_range_idx").on(t.accountId, t.name, t.eventEndTime),
    index("reporting_events_conversation_idx").on(t.accountId, t.conversationId),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
  ],
);
export type ReportingEvent = typeof reportingEvents.$inferSelect;
