import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Fixed-window request counters for public endpoints (lib/auth/rate-limit.ts), in PostgreSQL so
 * every instance counts the same requests and a restart does not reset them. `key` names what is
 * counted, e.g. `client-api:inbox:12`.
 */
export const requestCounters = pgTable(
  "request_counters",
  {
    key: text().primaryKey(),
    count: integer().notNull().default(0),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("request_counters_window_idx").on(t.windowStartedAt)],
);
