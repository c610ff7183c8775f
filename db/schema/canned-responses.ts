import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";

/**
 * Canned responses (Chatwoot's CannedResponse): saved replies an agent inserts with `/short_code`
 * in the composer. `content` keeps its `{{contact.name}}`-style variables; they are filled when
 * inserted into a conversation. The author may edit their own; administrators edit any.
 */
export const cannedResponses = pgTable(
  "canned_responses",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    shortCode: text().notNull(),
    content: text().notNull(),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("canned_responses_account_idx").on(t.accountId), uniqueIndex("canned_responses_account_short_code_key").on(t.accountId, t.shortCode)],
);

export type CannedResponse = typeof cannedResponses.$inferSelect;
