import { index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";

export type DashboardAppContent = { type: "frame"; url: string };

/** Dashboard apps (Chatwoot's DashboardApp): pages shown as tabs beside a conversation. */
export const dashboardApps = pgTable(
  "dashboard_apps",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer().references(() => users.id, { onDelete: "set null" }),
    title: text().notNull(),
    content: jsonb().$type<DashboardAppContent[]>().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dashboard_apps_account_idx").on(t.accountId)],
);

export type DashboardApp = typeof dashboardApps.$inferSelect;
