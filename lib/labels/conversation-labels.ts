import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { conversationLabels, conversations, labels } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { actorName, insertActivityMessage } from "@/lib/messages/activity";
import { emitConversationUpdated } from "@/lib/realtime/emit";
import { labelsByTitle } from "./labels";

const titles = z.array(z.string().max(255)).max(100);
export const changeConversationLabelsInput = z
  .object({
    /** Replaces the whole list (Chatwoot's POST /conversations/{id}/labels). */
    set: titles.optional(),
    add: titles.optional(),
    remove: titles.optional(),
  })
  .refine((v) => v.set !== undefined || v.add !== undefined || v.remove !== undefined, { message: "Nothing to change" });
export type ChangeConversationLabelsInput = z.input<typeof changeConversationLabelsInput>;

/** The conversation's label titles, alphabetically. */
export async function getConversationLabels(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<string[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  const conversation = await findVisibleConversation(db, access, displayId);
  return (await loadConversationSummary(db, accountId, conversation.id)).labels;
}

/**
 * Sets, adds or removes labels on a conversation; any agent who can see it may. Titles the
 * account has no label for are left out, as Chatwoot does. A change writes an activity line
 * ("… added billing"), goes live to the inbox's agents and fires `conversation_updated` with
 * `changed_attributes.label_list` (Chatwoot's name), previous and current as title lists.
 */
export async function changeConversationLabels(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ChangeConversationLabelsInput,
): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(changeConversationLabelsInput, params, "api");
  return inTransaction(db, async (tx, afterCommit) => {
    // The row lock serializes concurrent label changes of one conversation (each reads, then writes the set).
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    // With their titles in the summary's order: the previous label list needs no second summary read.
    const before = await tx
      .select({ labelId: conversationLabels.labelId, title: labels.title })
      .from(conversationLabels)
      .innerJoin(labels, and(eq(labels.accountId, conversationLabels.accountId), eq(labels.id, conversationLabels.labelId)))
      .where(and(eq(conversationLabels.accountId, accountId), eq(conversationLabels.conversationId, conversation.id)))
      .orderBy(asc(labels.title));
    const current = new Set(before.map((r) => r.labelId));
    const next = new Set(input.set !== undefined ? (await labelsByTitle(tx, accountId, input.set)).map((l) => l.id) : current);
    for (const l of await labelsByTitle(tx, accountId, input.add ?? [])) next.add(l.id);
    for (const l of await labelsByTitle(tx, accountId, input.remove ?? [])) next.delete(l.id);
    const added = [...next].filter((id) => !current.has(id));
    const removed = [...current].filter((id) => !next.has(id));
    if (added.length === 0 && removed.length === 0) return loadConversationSummary(tx, accountId, conversation.id);
    const previous = { labels: before.map((r) => r.title) };

    if (removed.length > 0) {
      await tx
        .delete(conversationLabels)
        .where(and(eq(conversationLabels.accountId, accountId), eq(conversationLabels.conversationId, conversation.id), inArray(conversationLabels.labelId, removed)));
    }
    if (added.length > 0) {
      await tx.insert(conversationLabels).values(added.map((labelId) => ({ accountId, conversationId: conversation.id, labelId }))).onConflictDoNothing();
    }
    // updated_at is every client's version of the row (realtime payloads, API updated_at).
    await tx
      .update(conversations)
      .set({ updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    const summary = await loadConversationSummary(tx, accountId, conversation.id);
    const who = (await actorName(tx, access)) ?? "Automation";
    const addedTitles = summary.labels.filter((t) => !previous.labels.includes(t));
    const removedTitles = previous.labels.filter((t) => !summary.labels.includes(t));
    if (addedTitles.length > 0) await insertActivityMessage(tx, conversation, `${who} added ${addedTitles.join(", ")}`);
    if (removedTitles.length > 0) await insertActivityMessage(tx, conversation, `${who} removed ${removedTitles.join(", ")}`);
    // Activity lines do not change the summary (its last message skips them).
    emitConversationUpdated(afterCommit, summary);
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId: conversation.id,
      events: ["conversation_updated"],
      changedAttributes: { label_list: [previous.labels, summary.labels] },
      summary,
    });
    return summary;
  });
}
