import { sql } from "drizzle-orm";
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts, customRoles, users } from "./accounts";
import { accountRole } from "./enums";

/**
 * An invitation to join an account (lib/accounts/invitations). Nobody becomes a member until the
 * addressee accepts: an existing user while signed in, a new one by choosing their password. The
 * token is stored only as its sha256 and is set when the email is sent; null means not sent yet.
 */
export const accountInvitations = pgTable(
  "account_invitations",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    /** Lower-cased. */
    email: text().notNull(),
    /** The name the administrator typed: a new user's starting name, never shown to another account. */
    name: text().notNull(),
    role: accountRole().notNull().default("agent"),
    /** A custom role the member gets on accepting (role "agent" with its permissions); deleting the role makes it a plain agent's invitation. */
    customRoleId: integer().references(() => customRoles.id, { onDelete: "set null" }),
    invitedById: integer().references(() => users.id, { onDelete: "set null" }),
    tokenHash: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("account_invitations_account_idx").on(t.accountId),
    // One open invitation per email and account; accepted ones stay as a record.
    uniqueIndex("account_invitations_pending_key").on(t.accountId, t.email).where(sql`${t.acceptedAt} is null`),
    uniqueIndex("account_invitations_token_hash_key").on(t.tokenHash),
  ],
);

/** A self-service password reset (lib/auth/password-reset). Token stored as sha256, set when the email is sent. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: serial().primaryKey(),
    userId: integer().notNull().references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId, t.createdAt), uniqueIndex("password_resets_token_hash_key").on(t.tokenHash)],
);

/**
 * Mail Postdesk itself sends on an account's behalf (invitations, password resets), as opposed to
 * conversation replies (email_deliveries). `raw` is kept only for the local outbox, where it is the
 * delivery: mail sent through SMTP is not stored, so its link exists only in the recipient's mailbox.
 */
export const accountMail = pgTable(
  "account_mail",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    kind: text().$type<"invitation" | "password_reset" | "webhook_disabled" | "notification_digest" | "conversation_transcript" | "team_notification">().notNull(),
    recipient: text().notNull(),
    subject: text().notNull(),
    /** "smtp" (through the named inbox) or "outbox" (captured locally). */
    transport: text().$type<"smtp" | "outbox">().notNull(),
    via: text(),
    raw: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("account_mail_account_idx").on(t.accountId, t.createdAt)],
);

export type AccountInvitation = typeof accountInvitations.$inferSelect;
export type PasswordReset = typeof passwordResets.$inferSelect;
export type AccountMail = typeof accountMail.$inferSelect;
