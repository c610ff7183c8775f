import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { inboxes } from "./inboxes";

export const contacts = pgTable(
  "contacts",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull().references(() => accounts.id, { onDelete: "cascade" }),
    name: text().notNull().default(""),
    email: text(),
    phoneNumber: text(),
    identifier: text(),
    thumbnail: text(),
    customAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    additionalAttributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // Chatwoot's `blocked`: their mail is still stored, but opens no conversation.
    blocked: boolean().notNull().default(false),
    lastActivityAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contacts_account_idx").on(t.accountId, t.id),
    unique("contacts_account_id_id_key").on(t.accountId, t.id),
    uniqueIndex("contacts_account_email_key").on(t.accountId, sql`lower(${t.email})`).where(sql`${t.email} is not null`),
    uniqueIndex("contacts_account_identifier_key").on(t.accountId, t.identifier).where(sql`${t.identifier} is not null`),
    // Contact search is a substring match (ILIKE '%q%'): trigram indexes serve it without reading
    // every row. pg_trgm is created by the migration that adds them (a trusted extension: the
    // database owner may create it on managed PostgreSQL too).
    index("contacts_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("contacts_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
    index("contacts_phone_number_trgm_idx").using("gin", t.phoneNumber.op("gin_trgm_ops")),
    index("contacts_identifier_trgm_idx").using("gin", t.identifier.op("gin_trgm_ops")),
    // An address-like term ("jane.doe@", "doe@exam"): its "@" meets the address's, so the address's
    // local part ends with the term's and its domain starts with the rest. The local part reversed
    // turns that into a prefix, read as a btree range (lib/contacts/search-filter.ts): on half a
    // million alike addresses the email trigram index reads most of its posting lists instead.
    index("contacts_email_local_reversed_idx").on(t.accountId, sql`reverse(lower(split_part(${t.email}, '@', 1))) text_pattern_ops`),
    // The default order of the list and of search results: a page is read in index order.
    index("contacts_account_activity_idx").on(t.accountId, t.lastActivityAt.desc().nullsLast(), t.id.desc()),
  ],
);

/** A contact's address in one inbox (email address, API source id, ...). */
export const contactInboxes = pgTable(
  "contact_inboxes",
  {
    id: serial().primaryKey(),
    accountId: integer().notNull(),
    contactId: integer().notNull(),
    inboxId: integer().notNull(),
    sourceId: text().notNull(),
    // The contact's credential for its own live events (Client API realtime): every new row gets one,
    // rows from before it existed get one when the Client API first shows them.
    pubsubToken: text().$defaultFn(() => randomBytes(24).toString("base64url")),
    // Identity verified with identifier_hash: the contact may see all its conversations in the inbox.
    hmacVerified: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_inboxes_inbox_source_key").on(t.inboxId, t.sourceId),
    uniqueIndex("contact_inboxes_pubsub_token_key").on(t.pubsubToken),
    index("contact_inboxes_account_contact_idx").on(t.accountId, t.contactId),
    unique("contact_inboxes_account_id_id_key").on(t.accountId, t.id),
    foreignKey({ columns: [t.accountId, t.contactId], foreignColumns: [contacts.accountId, contacts.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.accountId, t.inboxId], foreignColumns: [inboxes.accountId, inboxes.id] }).onDelete("cascade"),
  ],
);

export type Contact = typeof contacts.$inferSelect;
export type ContactInbox = typeof contactInboxes.$inferSelect;
