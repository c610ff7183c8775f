import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { contactInboxes, contacts, conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { notFound } from "@/lib/errors";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import { emitConversationUpdated } from "@/lib/realtime/emit";
import { actorName, insertActivityMessage } from "@/lib/messages/activity";
import { emitConversationChange } from "@/lib/integrations/snapshots";

export const moveConversationInput = z.object({ contactId: z.number().int().positive() });
export type MoveConversationInput = z.input<typeof moveConversationInput>;

/**
 * Gives a conversation to another contact (mail from a colleague's address, a wrong match): the
 * conversation and its address in the inbox become theirs; the messages keep their senders, and an
 * activity line says who moved it. The contact needs an address in the conversation's inbox: their
 * email in an email inbox, else a new random source id (as Chatwoot's contact_inboxes).
 */
export async function moveConversationToContact(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: MoveConversationInput,
): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const { contactId } = parseInput(moveConversationInput, params);
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    const [contact] = await tx
      .select({ id: contacts.id, name: contacts.name, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)));
    if (!contact) throw notFound("Contact");
    if (conversation.contactId === contact.id) return loadConversationSummary(tx, accountId, conversation.id);

    const contactInboxId = await contactInboxFor(tx, accountId, conversation.inboxId, contact);
    await tx
      .update(conversations)
      .set({ contactId: contact.id, contactInboxId, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    const who = await actorName(tx, access);
    const whom = contact.name || contact.email || `contact #${contact.id}`;
    await insertActivityMessage(tx, conversation, who ? `${who} moved the conversation to ${whom}` : `Conversation moved to ${whom}`);
    const summary = await loadConversationSummary(tx, accountId, conversation.id);
    emitConversationUpdated(afterCommit, summary);
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId: conversation.id,
      events: ["conversation_updated"],
      changedAttributes: { contact_id: [conversation.contactId, contact.id] },
      summary,
    });
    return summary;
  });
}

async function contactInboxFor(tx: DbOrTx, accountId: number, inboxId: number, contact: { id: number; email: string | null }): Promise<number> {
  const [existing] = await tx
    .select({ id: contactInboxes.id })
    .from(contactInboxes)
    .where(and(eq(contactInboxes.accountId, accountId), eq(contactInboxes.inboxId, inboxId), eq(contactInboxes.contactId, contact.id)))
    .orderBy(contactInboxes.id)
    .limit(1);
  if (existing) return existing.id;
  // An email inbox keys addresses by the lower-cased email; a row with it may belong to nobody else
  // (emails are unique per account), so only a contact without email gets a random one.
  const sourceId = contact.email?.toLowerCase() ?? randomUUID();
  const [created] = await tx
    .insert(contactInboxes)
    .values({ accountId, inboxId, contactId: contact.id, sourceId })
    .onConflictDoNothing()
    .returning({ id: contactInboxes.id });
  if (created) return created.id;
  const [other] = await tx.insert(contactInboxes).values({ accountId, inboxId, contactId: contact.id, sourceId: randomUUID() }).returning({ id: contactInboxes.id });
  return other.id;
}
