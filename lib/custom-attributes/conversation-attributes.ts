import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { emitConversationUpdated } from "@/lib/realtime/emit";
import { invalid } from "@/lib/errors";

const MAX_ATTRIBUTES_BYTES = 16_384;

export const updateConversationAttributesInput = z.object({
  customAttributes: z.record(z.string().min(1).max(255), z.unknown()),
  /** Chatwoot replaces the whole object; merge keeps the keys not sent (Chatwoot's `merge=true`). */
  merge: z.boolean().optional(),
  /** Keys to remove (Chatwoot's destroy_custom_attributes). */
  remove: z.array(z.string()).optional(),
});
export type UpdateConversationAttributesInput = z.input<typeof updateConversationAttributesInput>;

/**
 * Sets a conversation's custom attributes (Chatwoot's POST /conversations/{id}/custom_attributes):
 * any agent who can see the conversation may. Goes live to the inbox and fires
 * `conversation_updated` with `changed_attributes.custom_attributes`.
 */
export async function updateConversationAttributes(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: UpdateConversationAttributesInput,
): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(updateConversationAttributesInput, params, "api");
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    const next: Record<string, unknown> = input.merge ? { ...conversation.customAttributes, ...input.customAttributes } : { ...input.customAttributes };
    for (const key of input.remove ?? []) delete next[key];
    if (JSON.stringify(next).length > MAX_ATTRIBUTES_BYTES) throw invalid("Custom attributes are too large");
    if (JSON.stringify(next) === JSON.stringify(conversation.customAttributes)) return loadConversationSummary(tx, accountId, conversation.id);
    await tx
      .update(conversations)
      .set({ customAttributes: next, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    const summary = await loadConversationSummary(tx, accountId, conversation.id);
    emitConversationUpdated(afterCommit, summary);
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId: conversation.id,
      events: ["conversation_updated"],
      changedAttributes: { custom_attributes: [conversation.customAttributes, next] },
      summary,
    });
    return summary;
  });
}
