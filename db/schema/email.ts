import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { contacts } from "./contacts";
import { conversations } from "./conversations";
import { inboxes } from "./inboxes";
import { messages } from "./messages";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** What happens to a message on the IMAP server once it is committed here (docs/email.md, Ingestion). */
export const imapAfterImport = pgEnum("imap_after_import", ["move", "mark_seen", "leave"]);
/** How the mailbox authenticates; OAuth2 providers arrive with the OAuth issue. */
export const emailProvider = pgEnum("email_provider", ["password", "google", "microsoft"]);
export const emailHealth = pgEnum("email_health", ["ok", "error", "reconnect_needed"]);
export const rawEmailSource = pgEnum("raw_email_source", ["imap", "relay", "mailgun", "sendgrid", "postmark", "mandrill", "graph", "api"]);
export const rawEmailStatus = pgEnum("raw_email_status", ["pending", "imported", "quarantined", "ignored"]);
export const emailDeliveryStatus = pgEnum("email_delivery_status", ["queued", "sending", "sent", "failed"]);
/** Transactional email HTTP APIs an OAuth2 inbox (transport `imap_api`) can send through. */
export const emailApiProvider = pgEnum("email_api_provider", ["mailgun"]);

/**
 * Config of an email channel (Chatwoot's Channel::Email field names). Passwords are stored only
 * encrypted (lib/crypto/secrets.ts); the *_enc columns never leave the server.
 */
export const channelEmail = pgTable(
  "channel_email",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    email: text().notNull(),
    // Local part of the generated forwarding address <token>@INBOUND_EMAIL_DOMAIN.
    forwardingToken: text().notNull(),
    provider: emailProvider().notNull().default("password"),

    imapEnabled: boolean().notNull().default(false),
    imapAddress: text(),
    imapPort: integer().notNull().default(993),
    imapLogin: text(),
    imapPasswordEnc: text(),
    imapEnableSsl: boolean().notNull().default(true),
    // Without SSL/TLS: upgrade with STARTTLS when the server offers it (true), or never ("None").
    imapEnableStarttlsAuto: boolean().notNull().default(true),
    imapFolder: text().notNull().default("INBOX"),
    imapProcessedFolder: text().notNull().default("Processed"),
    imapAfterImport: imapAfterImport().notNull().default("move"),
    pollIntervalSeconds: integer().notNull().default(60),

    smtpEnabled: boolean().notNull().default(false),
    smtpAddress: text(),
    smtpPort: integer().notNull().default(587),
    smtpLogin: text(),
    smtpPasswordEnc: text(),
    smtpDomain: text(),
    smtpEnableSslTls: boolean().notNull().default(false),
    smtpEnableStarttlsAuto: boolean().notNull().default(true),
    smtpAuthentication: text().notNull().default("login"),

    // Sending through a transactional email HTTP API (OAuth2 transport `imap_api`). The key is
    // stored only encrypted and never leaves the server; the base URL picks the region.
    emailApiProvider: emailApiProvider(),
    emailApiDomain: text(),
    emailApiBaseUrl: text(),
    emailApiKeyEnc: text(),

    // Health, shown on the inbox panel. Plain words for admins, never a stack trace.
    health: emailHealth().notNull().default("ok"),
    lastPollAt: timestamp({ withTimezone: true }),
    lastSuccessfulPollAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    nextPollAt: timestamp({ withTimezone: true }),
    // Backfill: import history since this date in archive mode (resolved, no automations).
    backfillSince: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("channel_email_account_idx").on(t.accountId),
    uniqueIndex("channel_email_forwarding_token_key").on(t.forwardingToken),
    // One inbox per address on the whole installation: inbound mail is routed by it, across
    // accounts (lib/inboxes/address-claims.ts; its migration renamed and flagged later duplicates).
    uniqueIndex("channel_email_email_key").on(sql`lower(${t.email})`),
    index("channel_email_due_idx").on(t.nextPollAt).where(sql`${t.imapEnabled}`),
  ],
);

/** The IMAP sync cursor per inbox and folder: UIDVALIDITY and the highest UID committed. */
export const mailboxCursors = pgTable(
  "mailbox_cursors",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull(),
    inboxId: integer().notNull(),
    folder: text().notNull(),
    uidValidity: bigint({ mode: "number" }),
    lastUid: bigint({ mode: "number" }).notNull().default(0),
    highestModseq: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("mailbox_cursors_inbox_folder_key").on(t.inboxId, t.folder),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

/**
 * Every inbound message's raw bytes, stored before parsing (docs/email.md, Ingestion). The unique key
 * (inbox, dedupe_key) — Message-ID, or a hash of the bytes when it is missing or malformed — is
 * what makes ingestion exactly-once. Quarantined rows keep their error for the Reprocess action.
 */
export const rawEmails = pgTable(
  "raw_emails",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer().notNull(),
    inboxId: integer().notNull(),
    source: rawEmailSource().notNull(),
    // Where it came from: "<uidvalidity>:<uid>" for IMAP, the provider's id for webhooks.
    sourceRef: text(),
    // Forwarded mail: the recipients the sending server gave (SMTP RCPT TO, a webhook's envelope),
    // which the header block may not show; a reply+ address here threads like one in To/Cc.
    envelopeRecipients: text().array().notNull().default(sql`'{}'::text[]`),
    dedupeKey: text().notNull(),
    sha256: text().notNull(),
    raw: bytea().notNull(),
    byteSize: integer().notNull(),
    status: rawEmailStatus().notNull().default("pending"),
    error: text(),
    archive: boolean().notNull().default(false),
    messageId: bigint({ mode: "number" }).references(() => messages.id, { onDelete: "set null" }),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("raw_emails_inbox_dedupe_key").on(t.inboxId, t.dedupeKey),
    index("raw_emails_account_status_idx").on(t.accountId, t.inboxId, t.status),
    // Serves the foreign key's "set null" when messages are deleted (with their conversation or inbox).
    index("raw_emails_message_idx").on(t.messageId),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

/** People on a conversation besides its contact (CC'd colleagues), so their replies are theirs. */
export const conversationParticipants = pgTable(
  "conversation_participants",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull(),
    conversationId: integer().notNull(),
    contactId: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("conversation_participants_key").on(t.conversationId, t.contactId),
    foreignKey({ columns: [t.accountId, t.conversationId], foreignColumns: [conversations.accountId, conversations.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.contactId], foreignColumns: [contacts.accountId, contacts.id] }).onDelete("cascade"),
  ],
);

/**
 * One row per outbound email message: the send job's idempotency record. The Message-ID is
 * chosen and stored before the transport is called; `raw` keeps the exact bytes sent (and is the
 * local outbox when no SMTP is configured).
 */
export const emailDeliveries = pgTable(
  "email_deliveries",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    accountId: integer().notNull(),
    inboxId: integer().notNull(),
    messageId: bigint({ mode: "number" }).notNull().references(() => messages.id, { onDelete: "cascade" }),
    status: emailDeliveryStatus().notNull().default("queued"),
    transport: text().notNull(),
    internetMessageId: text().notNull(),
    envelope: jsonb().$type<{ from: string; to: string[]; cc?: string[]; bcc?: string[] }>(),
    raw: bytea(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    providerResponse: text(),
    providerMessageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("email_deliveries_message_key").on(t.messageId),
    index("email_deliveries_internet_message_id_idx").on(t.inboxId, t.internetMessageId),
    index("email_deliveries_account_idx").on(t.accountId, t.status),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

export type ChannelEmail = typeof channelEmail.$inferSelect;
export type MailboxCursor = typeof mailboxCursors.$inferSelect;
export type RawEmail = typeof rawEmails.$inferSelect;
export type EmailDelivery = typeof emailDeliveries.$inferSelect;
