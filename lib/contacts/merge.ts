import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { contactInboxes, contactLabels, contactNotes, contacts, conversationParticipants, conversations, messages } from "@/db/schema";
import { selectConversationSummaries } from "@/db/queries/conversation-summaries";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { requirePermission } from "@/lib/accounts/permissions";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { emitContactChange, emitContactDeleted } from "@/lib/integrations/snapshots";
import { emitConversationUpdated } from "@/lib/realtime/emit";
import type { ContactDetails } from "./contacts";
import { emitContactBlockedChanged } from "./blocked-event";

export const mergeContactsInput = z.object({
  baseContactId: z.number().int().positive(),
  mergeeContactId: z.number().int().positive(),
});
export type MergeContactsInput = z.input<typeof mergeContactsInput>;

// Screens showing a moved conversation are patched live; past this many, they catch up on their next load.
const LIVE_UPDATES_MAX = 100;

/**
 * Merges the mergee into the base contact in ONE transaction (Chatwoot's contact_merge): the
 * mergee's conversations, addresses (contact_inboxes), messages they sent, Cc participations,
 * labels and notes move to the base; the base keeps its own fields and takes the mergee's where it has none
 * (email, phone, identifier, avatar, and attribute keys it lacks); then the mergee is deleted.
 * Nothing of the mergee is lost, and a failure part-way changes nothing.
 */
export async function mergeContacts(db: DbOrTx, actor: Actor, accountId: number, params: MergeContactsInput): Promise<ContactDetails> {
  requirePermission(await requireAccountAccess(db, actor, accountId), "contact_manage");
  const { baseContactId, mergeeContactId } = parseInput(mergeContactsInput, params);
  if (baseContactId === mergeeContactId) throw invalid("A contact cannot be merged into itself");
  return inTransaction(db, async (tx, afterCommit) => {
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const locked = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), inArray(contacts.id, [baseContactId, mergeeContactId])))
      .orderBy(contacts.id)
      .for("update");
    const base = locked.find((c) => c.id === baseContactId);
    const mergee = locked.find((c) => c.id === mergeeContactId);
    if (!base || !mergee) throw notFound("Contact");

    const moved = await tx
      .update(conversations)
      .set({ contactId: base.id })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.contactId, mergee.id)))
      .returning({ id: conversations.id });
    await tx
      .update(contactInboxes)
      .set({ contactId: base.id, updatedAt: new Date() })
      .where(and(eq(contactInboxes.accountId, accountId), eq(contactInboxes.contactId, mergee.id)));
    await tx
      .update(messages)
      .set({ senderId: base.id })
      .where(and(eq(messages.accountId, accountId), eq(messages.senderType, "contact"), eq(messages.senderId, mergee.id)));
    // A conversation where both were on Cc keeps one row (the base's).
    await tx.execute(sql`
      delete from ${conversationParticipants} p
      where p.account_id = ${accountId} and p.contact_id = ${mergee.id}
        and exists (select 1 from ${conversationParticipants} q where q.conversation_id = p.conversation_id and q.contact_id = ${base.id})`);
    await tx
      .update(conversationParticipants)
      .set({ contactId: base.id })
      .where(and(eq(conversationParticipants.accountId, accountId), eq(conversationParticipants.contactId, mergee.id)));
    // Labels: the base gets each of the mergee's it lacks (a pair is the key).
    await tx.execute(sql`
      insert into ${contactLabels} (account_id, contact_id, label_id)
      select account_id, ${base.id}, label_id from ${contactLabels} where account_id = ${accountId} and contact_id = ${mergee.id}
      on conflict do nothing`);
    await tx
      .update(contactNotes)
      .set({ contactId: base.id })
      .where(and(eq(contactNotes.accountId, accountId), eq(contactNotes.contactId, mergee.id)));

    await emitContactDeleted(tx, afterCommit, mergee);
    // Deleted before the base takes its email or identifier, which are unique per account.
    await tx.delete(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.id, mergee.id)));
    const [merged] = await tx
      .update(contacts)
      .set({
        name: base.name || mergee.name,
        email: base.email ?? mergee.email,
        phoneNumber: base.phoneNumber ?? mergee.phoneNumber,
        identifier: base.identifier ?? mergee.identifier,
        thumbnail: base.thumbnail ?? mergee.thumbnail,
        blocked: base.blocked || mergee.blocked,
        customAttributes: { ...mergee.customAttributes, ...base.customAttributes },
        additionalAttributes: { ...mergee.additionalAttributes, ...base.additionalAttributes },
        lastActivityAt: latest(base.lastActivityAt, mergee.lastActivityAt),
        updatedAt: new Date(),
      })
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, base.id)))
      .returning();
    await emitContactChange(tx, afterCommit, "contact_updated", merged);
    // The base's own conversations are muted with it when the mergee was blocked.
    if (merged.blocked !== base.blocked) emitContactBlockedChanged(afterCommit, merged);

    const ids = moved.slice(0, LIVE_UPDATES_MAX).map((c) => c.id);
    if (ids.length > 0) {
      const summaries = await selectConversationSummaries(tx, accountId, inArray(conversations.id, ids));
      for (const summary of summaries) emitConversationUpdated(afterCommit, summary);
    }
    return merged;
  });
}

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
