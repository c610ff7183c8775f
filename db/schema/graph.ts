import { foreignKey, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { inboxes } from "./inboxes";

/**
 * Microsoft Graph receive state of one inbox (transport `graph`, docs/email.md, Microsoft 365 and Google): the change-notification
 * subscription on its inbox folder and the delta link the reconciler resumes from. `clientStateEnc`
 * is the per-subscription secret Graph echoes in every notification (stored encrypted); a
 * notification whose clientState does not match is ignored.
 */
export const graphSubscriptions = pgTable(
  "graph_subscriptions",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull(),
    inboxId: integer().notNull(),
    mailboxAddress: text().notNull(),
    // Null until Graph accepted the subscription (or after it was removed and not yet recreated).
    subscriptionId: text(),
    clientStateEnc: text(),
    expiresAt: timestamp({ withTimezone: true }),
    deltaLink: text(),
    lastDeltaAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("graph_subscriptions_inbox_key").on(t.inboxId),
    uniqueIndex("graph_subscriptions_subscription_key").on(t.subscriptionId),
    index("graph_subscriptions_account_idx").on(t.accountId),
    index("graph_subscriptions_expiry_idx").on(t.expiresAt),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

export type GraphSubscription = typeof graphSubscriptions.$inferSelect;
