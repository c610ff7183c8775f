import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { inboxes } from "./inboxes";

/**
 * The last automatic reply of each kind (acknowledgement, out of office) an inbox sent to a
 * contact: at most one per contact and kind per period, claimed with one conditional upsert
 * (lib/auto-replies/send-auto-reply.ts), so two messages arriving together send one reply.
 */
export const autoReplySends = pgTable(
  "auto_reply_sends",
  {
    accountId: integer().notNull(),
    inboxId: integer().notNull(),
    contactId: integer().notNull(),
    kind: text({ enum: ["acknowledgement", "out_of_office"] }).notNull(),
    lastSentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.inboxId, t.contactId, t.kind] }),
    index("auto_reply_sends_account_idx").on(t.accountId),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.contactId], foreignColumns: [contacts.accountId, contacts.id] }).onDelete("cascade"),
  ],
);
