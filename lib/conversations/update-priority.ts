import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { emitConversationUpdated } from "@/lib/realtime/emit";
import { findVisibleConversation, loadConversationSummary } from "./find-conversation";
import type { ConversationSummary } from "./types";
import { emitConversationChange } from "@/lib/integrations/snapshots";

export const updatePriorityInput = z.object({
  priority: z.enum(["urgent", "high", "medium", "low"]).nullable(),
});
export type UpdatePriorityInput = z.input<typeof updatePriorityInput>;

export async function updatePriority(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: UpdatePriorityInput,
): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const { priority } = parseInput(updatePriorityInput, params);
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId);
    await tx
      .update(conversations)
      .set({ priority, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    const summary = await loadConversationSummary(tx, accountId, conversation.id);
    emitConversationUpdated(afterCommit, summary);
    if (conversation.priority !== priority) {
      await emitConversationChange(tx, afterCommit, {
        accountId,
        conversationId: conversation.id,
        events: ["conversation_updated"],
        changedAttributes: { priority: [conversation.priority, priority] },
        summary,
      });
    }
    return summary;
  });
}
