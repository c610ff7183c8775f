import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { contactInboxes, inboxes } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { createContact, findContact, uniqueViolation, type ContactDetails, type CreateContactInput } from "./contacts";
import { inTransaction } from "@/db/transaction";
import type { ContactInboxDetails } from "./contact-inbox-list";

export type { ContactInboxDetails };

export const createContactInboxInput = z.object({
  inboxId: z.number().int().positive(),
  /** The contact's address in that inbox; a random one when omitted (API channels). */
  sourceId: z.string().trim().min(1).max(255).optional(),
});
export type CreateContactInboxInput = z.input<typeof createContactInboxInput>;

/** Gives the contact an address in an inbox the actor can see (Chatwoot's contact_inboxes). */
export async function createContactInbox(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  contactId: number,
  params: CreateContactInboxInput,
): Promise<ContactInboxDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(createContactInboxInput, params);
  await assertInboxAccess(db, access, input.inboxId);
  if (!(await findContact(db, accountId, contactId))) throw notFound("Contact");
  let created: { id: number; sourceId: string };
  try {
    [created] = await db
      .insert(contactInboxes)
      .values({ accountId, contactId, inboxId: input.inboxId, sourceId: input.sourceId ?? randomUUID() })
      .returning({ id: contactInboxes.id, sourceId: contactInboxes.sourceId });
  } catch (e) {
    if (uniqueViolation(e) === "contact_inboxes_inbox_source_key") throw invalid("Source id has already been taken in this inbox");
    throw e;
  }
  const [inbox] = await db
    .select({ id: inboxes.id, name: inboxes.name, channelType: inboxes.channelType, channelId: inboxes.channelId })
    .from(inboxes)
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, input.inboxId)));
  return { id: created.id, sourceId: created.sourceId, inbox };
}

/**
 * Creates a contact and, when an inbox is given, their address in it, atomically: what
 * Chatwoot's POST /contacts does with `inbox_id`.
 */
export async function createContactWithInbox(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  params: CreateContactInput & { inboxId?: number; sourceId?: string },
): Promise<{ contact: ContactDetails; contactInbox: ContactInboxDetails | null }> {
  const { inboxId, sourceId, ...contactParams } = params;
  return inTransaction(db, async (tx) => {
    const contact = await createContact(tx, actor, accountId, contactParams);
    const contactInbox = inboxId === undefined ? null : await createContactInbox(tx, actor, accountId, contact.id, { inboxId, sourceId });
    return { contact, contactInbox };
  });
}
