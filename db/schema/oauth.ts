import { foreignKey, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { inboxes } from "./inboxes";

export const oauthProvider = pgEnum("oauth_provider", ["google", "microsoft"]);
/**
 * How an OAuth2 mailbox moves mail (docs/email.md, Microsoft 365 and Google): XOAUTH2 IMAP + SMTP, XOAUTH2 IMAP + an email
 * HTTP API for sending, or Microsoft Graph. Each transport asks for its own scopes.
 */
export const oauthTransport = pgEnum("oauth_transport", ["imap_smtp", "imap_api", "graph"]);

/**
 * The OAuth2 sign-in behind one inbox. `mailboxAddress` is the SASL user for IMAP/SMTP (a shared
 * mailbox's address when a delegate with Full Access signed in); `delegateEmail` is who signed in.
 * Tokens are stored only encrypted (lib/crypto/secrets.ts) and never leave the server.
 */
export const oauthCredentials = pgTable(
  "oauth_credentials",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull(),
    inboxId: integer().notNull(),
    provider: oauthProvider().notNull(),
    transport: oauthTransport().notNull(),
    mailboxAddress: text().notNull(),
    delegateEmail: text(),
    // Microsoft directory (tenant id or domain) the sign-in belongs to; null for Google.
    tenant: text(),
    scopes: text().notNull(),
    refreshTokenEnc: text().notNull(),
    accessTokenEnc: text(),
    accessTokenExpiresAt: timestamp({ withTimezone: true }),
    lastRefreshedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_credentials_inbox_key").on(t.inboxId),
    index("oauth_credentials_account_idx").on(t.accountId),
    index("oauth_credentials_expiry_idx").on(t.accessTokenExpiresAt),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

export type OauthCredential = typeof oauthCredentials.$inferSelect;
