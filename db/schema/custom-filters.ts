import { foreignKey, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { accounts, accountUsers } from "./accounts";

export const customFilterType = pgEnum("custom_filter_type", ["conversation", "contact", "report"]);

/**
 * Saved views (Chatwoot's CustomFilter): one agent's named filter in one account. `query` is
 * what the client saved, `{payload: [{attribute_key, filter_operator, values, query_operator}]}`,
 * checked against the filter language when saved and again when applied. The membership key
 * removes an agent's views with their membership.
 */
export const customFilters = pgTable(
  "custom_filters",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer().notNull(),
    name: text().notNull(),
    filterType: customFilterType().notNull().default("conversation"),
    query: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("custom_filters_user_idx").on(t.accountId, t.userId, t.filterType),
    foreignKey({ columns: [t.accountId, t.userId], foreignColumns: [accountUsers.accountId, accountUsers.userId] }).onDelete("cascade"),
  ],
);

export type CustomFilter = typeof customFilters.$inferSelect;
