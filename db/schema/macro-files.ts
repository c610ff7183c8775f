import { sql } from "drizzle-orm";
import { customType, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { automationRules, macros } from "./automation";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Files of macros' and rules' `send_attachment` actions (Chatwoot's macro and rule `files`):
 * uploaded first (no owner yet, only its uploader may use it), then kept with the macro or the
 * rule that names its id in `action_params`; every run copies it onto the reply. A file nobody
 * took is deleted after a day, one its owner stops naming when the owner is saved, and with its
 * owner (lib/automation/macro-files.ts, rule-files.ts).
 */
export const macroFiles = pgTable(
  "macro_files",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    macroId: integer().references(() => macros.id, { onDelete: "cascade" }),
    ruleId: integer().references(() => automationRules.id, { onDelete: "cascade" }),
    uploadedById: integer().references(() => users.id, { onDelete: "set null" }),
    /** Chatwoot's `blob_key`: a random name, for clients that keep it. */
    key: text().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    data: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [index("macro_files_account_macro_idx").on(t.accountId, t.macroId), index("macro_files_account_rule_idx").on(t.accountId, t.ruleId)],
);

export type MacroFile = typeof macroFiles.$inferSelect;
