import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { contactInboxes, contacts } from "@/db/schema";
import type { ParsedEmail } from "@/lib/email/types";
import { storedMessageIds, threadIds, type ThreadConversation } from "@/lib/email/thread/match-conversation";
import { addressKey } from "./email-contacts";
import { isAccountAddress, type EmailInboxContext } from "./email-inbox";

/**
 * What the messages of one import batch look up, read in one round trip at the start of the batch
 * transaction instead of once per message: the conversations of the Message-IDs they reply to,
 * and the contacts (and this inbox's contact rows) of their senders and recipients. The import
 * keeps them up to date with what the batch itself writes (a reply to a message earlier in the
 * same batch threads to it; a sender created by one message is known to the next).
 *
 * Only the batch's all-or-nothing transaction uses them: any failure rolls the whole attempt back,
 * so nothing cached can outlive the rows it describes. Another import writing the same contacts
 * meanwhile is harmless: every insert is ON CONFLICT DO NOTHING and reads the winner's row.
 * An address or id that was not looked up (absent from the maps) is looked up as before.
 */
export type KnownContactInbox = { id: number; contactId: number; contactEmail: string | null };
export type BatchLookups = {
  /** Message-ID → conversation; null when the ids were too many to read at once (per message then). */
  threads: Map<string, ThreadConversation> | null;
  /** Lower-cased address → contact id in the account, or null when there is none. */
  contacts: Map<string, number | null>;
  /** Lower-cased address → this inbox's contact row for it, or null when there is none. */
  contactInboxes: Map<string, KnownContactInbox | null>;
  /** The addresses of `contacts` whose contact is blocked (their mail is stored, not imported). */
  blocked?: Set<string>;
};

// Bounds of one lookup (bind parameters, plan size); a batch beyond them looks up per message.
const MAX_THREAD_IDS = 5_000;
const MAX_ADDRESSES = 2_000;
// The import records at most this many participants per message; more are not worth reading.
const ADDRESSES_PER_MESSAGE = 60;

export async function prefetchBatchLookups(tx: Tx, inbox: EmailInboxContext, emails: ParsedEmail[]): Promise<BatchLookups> {
  const ids = [...new Set(emails.flatMap((email) => threadIds(email)))];
  const addresses = new Set<string>();
  for (const email of emails) {
    if (email.from) addresses.add(addressKey(email.from.address));
    for (const a of [...email.to, ...email.cc].slice(0, ADDRESSES_PER_MESSAGE)) {
      const key = addressKey(a.address);
      if (key.includes("@") && !isAccountAddress(inbox, key)) addresses.add(key);
    }
  }
  const wanted = addresses.size <= MAX_ADDRESSES ? [...addresses] : [];
  const { accountId, inboxId } = inbox;
  // Sent together: one round trip for the three lookups.
  const [threads, contactRows, inboxRows] = await Promise.all([
    ids.length <= MAX_THREAD_IDS ? storedMessageIds(tx, inbox, ids) : null,
    wanted.length === 0
      ? []
      : tx
          .select({ id: contacts.id, email: sql<string>`lower(${contacts.email})`, blocked: contacts.blocked })
          .from(contacts)
          .where(and(eq(contacts.accountId, accountId), inArray(sql`lower(${contacts.email})`, wanted))),
    wanted.length === 0
      ? []
      : tx
          .select({ id: contactInboxes.id, sourceId: contactInboxes.sourceId, contactId: contactInboxes.contactId, contactEmail: contacts.email })
          .from(contactInboxes)
          .innerJoin(contacts, and(eq(contacts.accountId, contactInboxes.accountId), eq(contacts.id, contactInboxes.contactId)))
          .where(and(eq(contactInboxes.accountId, accountId), eq(contactInboxes.inboxId, inboxId), inArray(contactInboxes.sourceId, wanted))),
  ]);
  const lookups: BatchLookups = { threads, contacts: new Map(), contactInboxes: new Map(), blocked: new Set() };
  for (const address of wanted) {
    lookups.contacts.set(address, null);
    lookups.contactInboxes.set(address, null);
  }
  for (const row of contactRows) {
    lookups.contacts.set(row.email, row.id);
    if (row.blocked) lookups.blocked?.add(row.email);
  }
  for (const row of inboxRows) lookups.contactInboxes.set(row.sourceId, { id: row.id, contactId: row.contactId, contactEmail: row.contactEmail });
  return lookups;
}
