import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contactInboxes, contacts, conversationParticipants } from "@/db/schema";
import type { EmailAddress } from "@/lib/email/types";
import type { BatchLookups, KnownContactInbox } from "./batch-lookups";

/**
 * Contacts of inbound mail, found by address (case-insensitive) and created when new. Inserts use
 * ON CONFLICT DO NOTHING RETURNING and re-read only when nothing came back, so two inboxes importing mail from the same new sender at
 * once end up with one contact (the unique index on lower(email) decides), never an error.
 */
// Addresses are stored (and batch lookups keyed) lower-cased and cut to this length.
const ADDRESS_MAX = 320;

export function addressKey(address: string): string {
  return address.toLowerCase().slice(0, ADDRESS_MAX);
}

export function displayNameOf(address: EmailAddress): string {
  const name = address.name.trim();
  return (name || address.address.split("@")[0] || address.address).slice(0, 255);
}

/**
 * The contact with this email in the account, created (named from the display name) when missing.
 * With a batch's lookups a known address costs no statement, and a new one only the insert.
 */
export async function findOrCreateContact(tx: DbOrTx, accountId: number, address: EmailAddress, lookups?: BatchLookups): Promise<number> {
  const email = addressKey(address.address);
  const find = async () => {
    const [row] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), sql`lower(${contacts.email}) = ${email}`))
      .limit(1);
    return row?.id ?? null;
  };
  const known = lookups?.contacts.get(email);
  if (typeof known === "number") return known;
  const existing = known === null ? null : await find();
  if (existing !== null) {
    lookups?.contacts.set(email, existing);
    return existing;
  }
  const [inserted] = await tx
    .insert(contacts)
    .values({ accountId, name: displayNameOf(address), email })
    .onConflictDoNothing()
    .returning({ id: contacts.id });
  // Otherwise another import created it meanwhile: read theirs.
  const id = inserted ? inserted.id : await find();
  if (id === null) throw new Error(`Could not create a contact for ${email}`);
  lookups?.contacts.set(email, id);
  return id;
}

/** The sender's contact, their row in the inbox, and the contact's email when it is known. */
export type EmailContact = { contactId: number; contactInboxId: number; contactEmail?: string | null };

/**
 * The sender's contact and their address in the inbox (contact_inboxes.source_id = the address),
 * the way Chatwoot records an email contact. In the common cases one or two statements (none or
 * one with a batch's lookups): both lookups in one, and for a sender never seen in the account the
 * contact and its inbox row inserted together. A race with another import (either insert hits its
 * unique index) falls back to the step-by-step path, which reads what the other import created.
 */
export async function findOrCreateEmailContact(
  tx: DbOrTx,
  accountId: number,
  inboxId: number,
  address: EmailAddress,
  lookups?: BatchLookups,
): Promise<EmailContact> {
  const sourceId = addressKey(address.address);
  const found = await knownEmailContact(tx, accountId, inboxId, sourceId, lookups);
  if (found.contactInbox) return { contactId: found.contactInbox.contactId, contactInboxId: found.contactInbox.id, contactEmail: found.contactInbox.contactEmail };
  let result: EmailContact | null = null;
  if (found.contactId !== null) {
    // Known in the account (mail to another inbox, or CC'd before), new to this inbox.
    const [inserted] = await tx
      .insert(contactInboxes)
      .values({ accountId, inboxId, contactId: found.contactId, sourceId })
      .onConflictDoNothing()
      .returning({ id: contactInboxes.id, contactId: contactInboxes.contactId });
    if (inserted) result = { contactId: inserted.contactId, contactInboxId: inserted.id, contactEmail: sourceId };
  } else {
    const [created] = await tx.execute<{ contact_id: number | null; contact_inbox_id: number | null }>(sql`
      with new_contact as (
        insert into ${contacts} (account_id, name, email) values (${accountId}, ${displayNameOf(address)}, ${sourceId})
        on conflict do nothing returning id
      ), new_contact_inbox as (
        insert into ${contactInboxes} (account_id, inbox_id, contact_id, source_id)
        select ${accountId}, ${inboxId}, id, ${sourceId} from new_contact
        on conflict do nothing returning id
      )
      select (select id from new_contact) as contact_id, (select id from new_contact_inbox) as contact_inbox_id`);
    if (created?.contact_id != null && created.contact_inbox_id != null) {
      result = { contactId: created.contact_id, contactInboxId: created.contact_inbox_id, contactEmail: sourceId };
    }
  }
  // The contact's email is not known on the slow path: callers then do not cache the conversation.
  result ??= await contactInboxStepByStep(tx, accountId, inboxId, address, sourceId);
  if (lookups) {
    lookups.contacts.set(sourceId, result.contactId);
    lookups.contactInboxes.set(sourceId, { id: result.contactInboxId, contactId: result.contactId, contactEmail: result.contactEmail ?? null });
  }
  return result;
}

type Known = { contactInbox: KnownContactInbox | null; contactId: number | null };

/** From the batch's lookups when they have the address, else one statement for both lookups. */
async function knownEmailContact(tx: DbOrTx, accountId: number, inboxId: number, sourceId: string, lookups?: BatchLookups): Promise<Known> {
  const cachedInbox = lookups?.contactInboxes.get(sourceId);
  const cachedContact = lookups?.contacts.get(sourceId);
  if (cachedInbox !== undefined && cachedContact !== undefined) return { contactInbox: cachedInbox, contactId: cachedContact };
  const [row] = await tx.execute<{ contact_inbox_id: number | null; contact_inbox_contact_id: number | null; contact_inbox_email: string | null; contact_id: number | null }>(sql`
    select ci.id as contact_inbox_id, ci.contact_id as contact_inbox_contact_id, ci.email as contact_inbox_email, c.id as contact_id
    from (select 1) as one
    left join lateral (
      select i.id, i.contact_id, k.email from ${contactInboxes} i
      join ${contacts} k on k.account_id = i.account_id and k.id = i.contact_id
      where i.account_id = ${accountId} and i.inbox_id = ${inboxId} and i.source_id = ${sourceId} limit 1
    ) as ci on true
    left join lateral (
      select id from ${contacts} where account_id = ${accountId} and lower(email) = ${sourceId} and ci.id is null limit 1
    ) as c on true`);
  const contactInbox =
    row?.contact_inbox_id != null && row.contact_inbox_contact_id != null
      ? { id: row.contact_inbox_id, contactId: row.contact_inbox_contact_id, contactEmail: row.contact_inbox_email }
      : null;
  return { contactInbox, contactId: row?.contact_id ?? null };
}

async function contactInboxStepByStep(
  tx: DbOrTx,
  accountId: number,
  inboxId: number,
  address: EmailAddress,
  sourceId: string,
): Promise<EmailContact> {
  const find = async () => {
    const [row] = await tx
      .select({ id: contactInboxes.id, contactId: contactInboxes.contactId })
      .from(contactInboxes)
      .where(and(eq(contactInboxes.accountId, accountId), eq(contactInboxes.inboxId, inboxId), eq(contactInboxes.sourceId, sourceId)))
      .limit(1);
    return row ? { contactId: row.contactId, contactInboxId: row.id } : null;
  };
  const existing = await find();
  if (existing) return existing;
  const contactId = await findOrCreateContact(tx, accountId, address);
  const [inserted] = await tx
    .insert(contactInboxes)
    .values({ accountId, inboxId, contactId, sourceId })
    .onConflictDoNothing()
    .returning({ id: contactInboxes.id, contactId: contactInboxes.contactId });
  if (inserted) return { contactId: inserted.contactId, contactInboxId: inserted.id };
  const created = await find();
  if (!created) throw new Error(`Could not record ${sourceId} as a contact of the inbox`);
  return created;
}

/** Adds contacts as participants of a conversation (idempotent). */
export async function addParticipants(tx: DbOrTx, accountId: number, conversationId: number, contactIds: number[]): Promise<void> {
  const values = [...new Set(contactIds)].map((contactId) => ({ accountId, conversationId, contactId }));
  if (values.length > 0) await tx.insert(conversationParticipants).values(values).onConflictDoNothing();
}

/** The participant of the conversation with this address, if any. */
export async function participantByAddress(tx: DbOrTx, accountId: number, conversationId: number, address: string): Promise<number | null> {
  const [row] = await tx
    .select({ contactId: conversationParticipants.contactId })
    .from(conversationParticipants)
    .innerJoin(contacts, and(eq(contacts.accountId, conversationParticipants.accountId), eq(contacts.id, conversationParticipants.contactId)))
    .where(
      and(
        eq(conversationParticipants.accountId, accountId),
        eq(conversationParticipants.conversationId, conversationId),
        sql`lower(${contacts.email}) = ${address.toLowerCase()}`,
      ),
    )
    .limit(1);
  return row?.contactId ?? null;
}
