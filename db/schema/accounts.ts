import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accountRole, availability } from "./enums";

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

export const accounts = pgTable("accounts", {
  id: serial().primaryKey(),
  name: text().notNull(),
  locale: text().notNull().default("en"),
  // Per-account conversation numbering: incremented with UPDATE ... RETURNING inside the
  // transaction that creates the conversation, so numbers are gap-free and never reused.
  lastConversationDisplayId: integer().notNull().default(0),
  // Set through the Platform API (Chatwoot's account fields); kept, shown, not yet acted upon.
  domain: text(),
  supportEmail: text(),
  status: text({ enum: ["active", "suspended"] }).notNull().default("active"),
  customAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  limits: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  // An agent's reply to an unassigned conversation assigns it to them (Chatwoot's default).
  assignOnReply: boolean().notNull().default(true),
  // The account's business hours (lib/business-hours/schedule.ts Schedule); null = none set.
  businessHours: jsonb().$type<{ timeZone: string; days: { open: number; close: number }[][]; holidays: string[] }>(),
  // The IANA zone reports count days, weeks and months in (docs/reports.md); null: the business hours' zone, else UTC.
  reportingTimeZone: text(),
  ...timestamps,
});

export const users = pgTable(
  "users",
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    displayName: text(),
    email: text().notNull(),
    passwordHash: text().notNull(),
    // sha256 (hex) of the API access token: the token itself is shown once and never stored.
    apiAccessTokenHash: text(),
    // Bumped on password change or sign-out-everywhere; JWT sessions carry it and die when it moves.
    sessionVersion: integer().notNull().default(1),
    // Set by platform apps (Chatwoot's users.custom_attributes).
    customAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // The agent's email signature (sanitized HTML; Chatwoot's message_signature) and whether it is
    // appended to their email replies (docs/composer.md, Signatures).
    messageSignature: text(),
    signatureOnReplies: boolean().notNull().default(true),
    /**
     * When the person proved they own the address: accepted an invitation by choosing a password,
     * completed a password reset, or was created by the operator (who vouches for it). Null for a
     * user a platform app created who never did either. "Verified administrator" counts only these.
     */
    confirmedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_api_access_token_hash_key").on(t.apiAccessTokenHash),
  ],
);

export const accountUsers = pgTable(
  "account_users",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    userId: integer().notNull().references(() => users.id, { onDelete: "cascade" }),
    role: accountRole().notNull().default("agent"),
    availability: availability().notNull().default("online"),
    autoOffline: boolean().notNull().default(true),
    /** The last presence heartbeat from an open app tab; with autoOffline, "online" needs a recent one. */
    lastSeenAt: timestamp({ withTimezone: true }),
    /**
     * A custom role (lib/accounts/permissions.ts) in place of the built-in one: its permissions
     * decide what the member sees and does; `role` stays "agent". Deleting the role makes them agents.
     */
    customRoleId: integer().references(() => customRoles.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("account_users_account_user_key").on(t.accountId, t.userId),
    index("account_users_user_idx").on(t.userId),
    index("account_users_custom_role_idx").on(t.customRoleId),
  ],
);

/** A named permission set an administrator defines (Chatwoot's custom_roles). */
export const customRoles = pgTable(
  "custom_roles",
  {
    id: serial().primaryKey(),
    accountId: integer()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    /** Permission names (lib/accounts/permissions.ts PERMISSIONS); unknown ones are refused on write. */
    permissions: text().array().notNull().default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [uniqueIndex("custom_roles_account_name_key").on(t.accountId, sql`lower(${t.name})`)],
);

/** Sign-in throttling: failures per (email, client) in a sliding window. Kept in PostgreSQL so every instance sees it. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: serial().primaryKey(),
    email: text().notNull(),
    client: text().notNull(),
    failures: integer().notNull().default(0),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("sign_in_attempts_email_client_key").on(t.email, t.client),
    // Pruning deletes rows whose window is over (lib/auth/sign-in-throttle.ts).
    index("sign_in_attempts_window_idx").on(t.windowStartedAt),
  ],
);

/**
 * Sessions ended by signing out. Sessions are JWTs; each carries a random id (jti) that is
 * looked up here on every use, so a cookie copied before sign-out stops working at once. Rows are
 * pruned once the JWT would have expired anyway.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    jti: text().primaryKey(),
    userId: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);

export type Account = typeof accounts.$inferSelect;
export type User = typeof users.$inferSelect;
export type AccountUser = typeof accountUsers.$inferSelect;
