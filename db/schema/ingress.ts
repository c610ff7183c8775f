import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Signed webhook tokens already used (Mailgun signs only timestamp + token, not the message, so a
 * captured signature could carry another body): each token is accepted once while its timestamp
 * is within the window; rows older than the window are deleted as new ones arrive. Not a tenant
 * table: tokens are checked before the message is routed to an account.
 */
export const ingressTokens = pgTable(
  "ingress_tokens",
  {
    source: text().notNull(),
    token: text().notNull(),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.token] }), index("ingress_tokens_seen_at_idx").on(t.seenAt)],
);
