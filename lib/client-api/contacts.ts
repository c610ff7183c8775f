import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { contactInboxes, contacts } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { createContact, findContact, updateContact, type ContactDetails } from "@/lib/contacts/contacts";
import { AppError, invalid } from "@/lib/errors";
import {
  checkIdentity,
  findContactInbox,
  resolveClientContact,
  resolveClientInbox,
  resourceNotFound,
  type ClientContact,
} from "./caller";

/** The actor of everything a contact does through the Client API: the system, on the contact's behalf. */
export const clientApiActor = systemActor("client api");

const identity = {
  identifier: z.string().trim().max(255).optional(),
  identifierHash: z.string().trim().max(200).optional(),
};
const profile = {
  name: z.string().trim().max(255).optional(),
  email: z.string().optional(),
  phoneNumber: z.string().optional(),
  avatarUrl: z.string().optional(),
  customAttributes: z.record(z.string(), z.unknown()).optional(),
};

export const createClientContactInput = z.object({
  /** The client's own session id for the contact; a new random one when absent. */
  sourceId: z.string().trim().min(1).max(255).optional(),
  ...identity,
  ...profile,
});
export type CreateClientContactInput = z.input<typeof createClientContactInput>;

export type ClientContactDetails = { contactInbox: ClientContact; contact: ContactDetails };

/**
 * POST contacts: a new contact and its row in the inbox (source_id, pubsub_token). With a valid
 * identifier_hash the identifier is the contact's: an existing contact with that identifier gets
 * the new row (verified, so it sees all its conversations in the inbox). Without one the
 * identifier is ignored, so nobody can attach to someone else's contact by naming it. A known
 * email address reuses that contact, as Chatwoot does; the new row still sees only its own
 * conversations.
 */
export async function createClientContact(db: DbOrTx, inboxIdentifier: string, params: CreateClientContactInput): Promise<ClientContactDetails> {
  const inbox = await resolveClientInbox(db, inboxIdentifier);
  const input = parseInput(createClientContactInput, params);
  const verified = checkIdentity(inbox, input);
  const sourceId = input.sourceId ?? randomUUID();
  const existingRow = await findContactInbox(db, inbox, sourceId).catch(() => null);
  if (existingRow) {
    // The caller already holds this source_id: answer with it, as Chatwoot does.
    if (verified) await markVerified(db, existingRow, input.identifier ?? "");
    return clientContactDetails(db, { ...existingRow, hmacVerified: existingRow.hmacVerified || verified });
  }
  const contactId = await inTransaction(db, async (tx) => {
    const found = await findReusableContact(tx, inbox.accountId, verified ? input.identifier : undefined, input.email);
    if (found) return found;
    const created = await createContact(tx, clientApiActor, inbox.accountId, {
      name: input.name,
      email: input.email,
      phoneNumber: input.phoneNumber,
      thumbnail: input.avatarUrl,
      customAttributes: input.customAttributes,
      identifier: verified ? input.identifier : undefined,
    });
    return created.id;
  });
  try {
    await db.insert(contactInboxes).values({ accountId: inbox.accountId, inboxId: inbox.inboxId, contactId, sourceId, hmacVerified: verified });
  } catch {
    // Two requests with the same new source_id at once: the other one made the row.
    throw invalid("Source has already been taken");
  }
  return clientContactDetails(db, await findContactInbox(db, inbox, sourceId));
}

async function findReusableContact(db: DbOrTx, accountId: number, identifier: string | undefined, email: string | undefined): Promise<number | null> {
  if (identifier) {
    const [byIdentifier] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), eq(contacts.identifier, identifier)))
      .limit(1);
    if (byIdentifier) return byIdentifier.id;
  }
  const normalized = email?.trim().toLowerCase();
  if (normalized) {
    const [byEmail] = await db
      .select({ id: contacts.id, identifier: contacts.identifier })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), sql`lower(${contacts.email}) = ${normalized}`))
      .limit(1);
    // A contact with a proven identity is never reused by email alone for someone else's identity.
    if (byEmail && (!identifier || byEmail.identifier === null || byEmail.identifier === identifier)) return byEmail.id;
  }
  return null;
}

/** GET contacts/{source_id}; while verification is enforced the request carries the identity too. */
export async function getClientContact(
  db: DbOrTx,
  inboxIdentifier: string,
  sourceId: string,
  params: z.input<z.ZodObject<typeof identity>> = {},
): Promise<ClientContactDetails> {
  const contact = await resolveClientContact(db, inboxIdentifier, sourceId);
  const input = parseInput(z.object(identity), params);
  const verified = checkIdentity(contact, input);
  if (verified) await markVerified(db, contact, input.identifier ?? "");
  return clientContactDetails(db, { ...contact, hmacVerified: contact.hmacVerified || verified });
}

export const updateClientContactInput = z.object({ ...identity, ...profile });
export type UpdateClientContactInput = z.input<typeof updateClientContactInput>;

/**
 * PATCH contacts/{source_id}: name, email, phone, avatar, custom attributes. An identifier is
 * taken only with a valid hash (and only when the contact has none or the same one).
 */
export async function updateClientContact(
  db: DbOrTx,
  inboxIdentifier: string,
  sourceId: string,
  params: UpdateClientContactInput,
): Promise<ContactDetails> {
  const contact = await resolveClientContact(db, inboxIdentifier, sourceId);
  const input = parseInput(updateClientContactInput, params);
  const verified = checkIdentity(contact, input);
  if (verified) await markVerified(db, contact, input.identifier ?? "");
  const current = await findContact(db, contact.accountId, contact.contactId);
  if (!current) throw resourceNotFound();
  return updateContact(db, clientApiActor, contact.accountId, contact.contactId, {
    name: input.name,
    email: input.email,
    phoneNumber: input.phoneNumber,
    thumbnail: input.avatarUrl,
    customAttributes: input.customAttributes === undefined ? undefined : { ...current.customAttributes, ...input.customAttributes },
    identifier: verified && current.identifier === null ? input.identifier : undefined,
  });
}

/**
 * A proven identity: the row becomes verified. The contact must be the identifier's (or have
 * none yet); someone proving another identity on this row is refused.
 */
async function markVerified(db: DbOrTx, contact: ClientContact, identifier: string): Promise<void> {
  const current = await findContact(db, contact.accountId, contact.contactId);
  if (current?.identifier && current.identifier !== identifier) throw new AppError("unauthorized", "HMAC failed: Identifier does not match contact");
  if (!contact.hmacVerified) {
    await db
      .update(contactInboxes)
      .set({ hmacVerified: true, updatedAt: new Date() })
      .where(and(eq(contactInboxes.accountId, contact.accountId), eq(contactInboxes.id, contact.contactInboxId)));
  }
}

/** The contact with its row; a row made before pubsub tokens existed gets one now. */
async function clientContactDetails(db: DbOrTx, contactInbox: ClientContact): Promise<ClientContactDetails> {
  let pubsubToken = contactInbox.pubsubToken;
  if (pubsubToken === null) {
    const [row] = await db
      .update(contactInboxes)
      .set({ pubsubToken: sql`coalesce(${contactInboxes.pubsubToken}, ${randomBytes(24).toString("base64url")})` })
      .where(and(eq(contactInboxes.accountId, contactInbox.accountId), eq(contactInboxes.id, contactInbox.contactInboxId)))
      .returning({ pubsubToken: contactInboxes.pubsubToken });
    pubsubToken = row?.pubsubToken ?? null;
  }
  const contact = await findContact(db, contactInbox.accountId, contactInbox.contactId);
  if (!contact) throw resourceNotFound();
  return { contactInbox: { ...contactInbox, pubsubToken }, contact };
}


