import { bigint, bigserial, customType, doublePrecision, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
    // The range scans read values from the index alone (index-only): percentiles sort them without
    // visiting the table.
    index("reporting_events_range_idx").on(t.accountId, t.name, t.eventEndTime, t.value, t.valueInBusinessHours, t.inboxId),
    index("reporting_events_conversation_idx").on(t.accountId, t.conversationId),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
  ],
);
export type ReportingEvent = typeof reportingEvents.$inferSelect;

/**
 * Hourly totals of the events per (account, hour, name, inbox): count and sums, kept by triggers on
 * reporting_events (migration 0045: every insert adds, every delete subtracts, in the same
 * statement), so an event written late — a conversation resolved after its day closed, a backfill —
 * lands in its own hour at once. The overview's counts and averages read these rows instead of the
 * events (lib/reports/rollups.ts); medians and p90 read the sorted values below.
 */
export const reportingRollups = pgTable(
  "reporting_rollups",
  {
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The hour (UTC) the events ended in. */
    bucket: timestamp({ withTimezone: true }).notNull(),
    name: text({ enum: REPORTING_EVENT_NAMES }).notNull(),
    inboxId: integer().notNull(),
    count: integer().notNull(),
    sum: doublePrecision().notNull(),
    sumInBusinessHours: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.bucket, t.name, t.inboxId] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The hourly totals summed over inboxes (per account, hour, name), kept by the same kind of
 * triggers (migration 0053): the account-wide report in a zone whose days are not UTC days (New
 * York's) reads ~2,160 rows per name for 90 days instead of that times the number of inboxes.
 */
export const reportingAccountRollups = pgTable(
  "reporting_account_rollups",
  {
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The hour (UTC) the events ended in. */
    bucket: timestamp({ withTimezone: true }).notNull(),
    name: text({ enum: REPORTING_EVENT_NAMES }).notNull(),
    count: integer().notNull(),
    sum: doublePrecision().notNull(),
    sumInBusinessHours: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.bucket, t.name] })],
);

/**
 * Daily (UTC) totals beside the hourly ones, same key otherwise, kept by the same kind of triggers
 * (an insert adds, a delete subtracts): a 90-day range reads ~90 rows per name and inbox instead
 * of ~2,160. Used for whole UTC days when the report's buckets are whole UTC days too (UTC, or
 * totals without buckets); the hours at the range's ends come from reportingRollups
 * (lib/reports/rollups.ts).
 */
export const reportingDailyRollups = pgTable(
  "reporting_daily_rollups",
  {
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The day (UTC midnight) the events ended in. */
    day: timestamp({ withTimezone: true }).notNull(),
    name: text({ enum: REPORTING_EVENT_NAMES }).notNull(),
    inboxId: integer().notNull(),
    count: integer().notNull(),
    sum: doublePrecision().notNull(),
    sumInBusinessHours: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day, t.name, t.inboxId] })],
);

/**
 * The duration events' values per (account, UTC day, name), sorted, PACKED: 8 bytes a value
 * (float8, big-endian, one after the other) in an uncompressed bytea, so the report reads them
 * as they are stored (no per-element output function as array_send has, nothing to decompress)
 * and Node views them as a Float64Array after one byte swap (lib/reports/percentiles.ts).
 * Statement-level triggers (migrations 0049, 0051) put a statement's few new values in place by
 * binary search (durations are >= 0: their big-endian bytes order like the numbers) and take
 * deleted ones out; a big statement or a negative value rebuilds the day from the events.
 */
export const reportingDailyValues = pgTable(
  "reporting_daily_values",
  {
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The day (UTC midnight) the events ended in. */
    day: timestamp({ withTimezone: true }).notNull(),
    name: text({ enum: REPORTING_EVENT_NAMES }).notNull(),
    count: integer().notNull(),
    sortedValues: bytea().notNull(),
    sortedValuesInBusinessHours: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day, t.name] })],
);

/**
 * The same packed sorted values per UTC hour, replacing migration 0047's float8[] arrays (dropped
 * in 0052), whose array_send cost an output call per element on every read: the hours a report cannot take from
 * whole UTC days — the range's ends, hour buckets, day buckets in a zone such as New York's.
 * Kept by the same kind of triggers as the daily rows (migration 0051).
 */
export const reportingHourlyValues = pgTable(
  "reporting_hourly_values",
  {
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The hour (UTC) the events ended in. */
    hour: timestamp({ withTimezone: true }).notNull(),
    name: text({ enum: REPORTING_EVENT_NAMES }).notNull(),
    count: integer().notNull(),
    sortedValues: bytea().notNull(),
    sortedValuesInBusinessHours: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.hour, t.name] })],
);
