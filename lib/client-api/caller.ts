import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelApi, contactInboxes, contacts, conversations, inboxes, type Conversation } from "@/db/schema";
import { enforceRateLimits, pruneRequestCounters } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Who calls the Client API (/public/api/v1/inboxes/{inbox_identifier}/...): nobody signs in. The
 * inbox identifier names an API inbox; the contact's `source_id` (contact_identifier) is its
 * credential in that inbox, as in Chatwoot. Everything a contact reaches is scoped here: its own
 * contact_inboxes row, and the conversations of that row (all of the contact's conversations in
 * this inbox once its identity was verified with identifier_hash). Anything else is "not found",
 * whatever the reason, so ids cannot be probed.
 */
export type ClientInbox = {
  accountId: number;
  inboxId: number;
  name: string;
  identifier: string;
  hmacToken: string;
  hmacMandatory: boolean;
  greetingEnabled: boolean;
  greetingMessage: string | null;
};

export type ClientContact = ClientInbox & {
  contactInboxId: number;
  contactId: number;
  sourceId: string;
  pubsubToken: string | null;
  hmacVerified: boolean;
  /** Blocked by an agent: Chatwoot "mutes" them (lib/client-api/conversations.ts, messages.ts). */
  blocked: boolean;
};

const NOT_FOUND = "Resource could not be found";
export const resourceNotFound = () => new AppError("not_found", NOT_FOUND);
export const HMAC_FAILED = "HMAC failed: Invalid Identifier Hash Provided";

/** The API inbox with this identifier, after counting the request against the inbox's limit. */
export async function resolveClientInbox(db: DbOrTx, identifier: string): Promise<ClientInbox> {
  if (identifier.length === 0 || identifier.length > 100) throw resourceNotFound();
  const [row] = await db
    .select({
      accountId: inboxes.accountId,
      inboxId: inboxes.id,
      name: inboxes.name,
      identifier: channelApi.identifier,
      hmacToken: channelApi.hmacToken,
      hmacMandatory: channelApi.hmacMandatory,
      greetingEnabled: inboxes.greetingEnabled,
      greetingMessage: inboxes.greetingMessage,
    })
    .from(channelApi)
    .innerJoin(
      inboxes,
      and(eq(inboxes.accountId, channelApi.accountId), eq(inboxes.channelType, "api"), eq(inboxes.channelId, channelApi.id)),
    )
    .where(eq(channelApi.identifier, identifier))
    .limit(1);
  if (!row) throw resourceNotFound();
  const { CLIENT_API_INBOX_RATE_LIMIT } = env();
  await enforceRateLimits(db, [{ key: `client-api:inbox:${row.inboxId}`, limit: CLIENT_API_INBOX_RATE_LIMIT, windowSeconds: 60 }]);
  // Now and then, not on every request: counters of quiet inboxes and contacts go away.
  if (Math.random() < 0.01) await pruneRequestCounters(db);
  return row;
}

/**
 * The inbox and the contact whose source_id this is, counted against both limits. With identity
 * verification enforced, a contact that never proved its identity is refused (401).
 */
export async function resolveClientContact(db: DbOrTx, inboxIdentifier: string, sourceId: string): Promise<ClientContact> {
  const inbox = await resolveClientInbox(db, inboxIdentifier);
  const contact = await findContactInbox(db, inbox, sourceId);
  await enforceRateLimits(db, [
    { key: `client-api:contact:${contact.contactInboxId}`, limit: env().CLIENT_API_CONTACT_RATE_LIMIT, windowSeconds: 60 },
  ]);
  return contact;
}

export async function findContactInbox(db: DbOrTx, inbox: ClientInbox, sourceId: string): Promise<ClientContact> {
  if (sourceId.length === 0 || sourceId.length > 255) throw resourceNotFound();
  const [row] = await db
    .select({
      contactInboxId: contactInboxes.id,
      contactId: contactInboxes.contactId,
      sourceId: contactInboxes.sourceId,
      pubsubToken: contactInboxes.pubsubToken,
      hmacVerified: contactInboxes.hmacVerified,
      blocked: contacts.blocked,
    })
    .from(contactInboxes)
    .innerJoin(contacts, and(eq(contacts.accountId, contactInboxes.accountId), eq(contacts.id, contactInboxes.contactId)))
    .where(and(eq(contactInboxes.accountId, inbox.accountId), eq(contactInboxes.inboxId, inbox.inboxId), eq(contactInboxes.sourceId, sourceId)))
    .limit(1);
  if (!row) throw resourceNotFound();
  return { ...inbox, ...row };
}

/** A contact that has not verified its identity may not act while verification is enforced. */
export function requireVerifiedWhenEnforced(contact: ClientContact): void {
  if (contact.hmacMandatory && !contact.hmacVerified) throw new AppError("unauthorized", HMAC_FAILED);
}

/** HMAC-SHA256(hmac token, identifier) as hex, compared in constant time. */
export function isValidIdentifierHash(hmacToken: string, identifier: string, hash: string): boolean {
  const expected = Buffer.from(createHmac("sha256", hmacToken).update(identifier).digest("hex"));
  const given = Buffer.from(hash.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Chatwoot's rule: a request with an identifier_hash, or any request while verification is
 * enforced, must carry a valid hash of its identifier; otherwise 401. Returns whether the identity
 * was proven (the identifier is then the contact's).
 */
export function checkIdentity(inbox: ClientInbox, input: { identifier?: string; identifierHash?: string }): boolean {
  const hash = input.identifierHash ?? "";
  if (hash === "" && !inbox.hmacMandatory) return false;
  const identifier = input.identifier ?? "";
  if (identifier === "" || !isValidIdentifierHash(inbox.hmacToken, identifier, hash)) throw new AppError("unauthorized", HMAC_FAILED);
  return true;
}

/** The conversations a contact may see: those of its row, or of the contact in this inbox once verified. */
export function contactConversations(contact: ClientContact): SQL {
  const own = eq(conversations.contactInboxId, contact.contactInboxId);
  return and(
    eq(conversations.accountId, contact.accountId),
    eq(conversations.inboxId, contact.inboxId),
    contact.hmacVerified ? or(own, eq(conversations.contactId, contact.contactId)) : own,
  ) as SQL;
}

/** One of the contact's conversations by display id, or "not found". */
export async function findContactConversation(db: DbOrTx, contact: ClientContact, displayId: number): Promise<Conversation> {
  if (!Number.isSafeInteger(displayId) || displayId <= 0) throw resourceNotFound();
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(contactConversations(contact), eq(conversations.displayId, displayId)))
    .limit(1);
  if (!row) throw resourceNotFound();
  return row;
}
