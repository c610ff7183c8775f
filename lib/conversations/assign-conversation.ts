import { and, eq, isNotNull, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { accountUsers, conversations, inboxMembers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { invalid } from "@/lib/errors";
import { actorName, insertActivityMessage, userName } from "@/lib/messages/activity";
import { notifyAsChosen } from "@/lib/notifications/as-chosen";
import { emitAssigneeChanged } from "@/lib/realtime/emit";
import { findVisibleConversation, loadConversationSummary } from "./find-conversation";
import type { ConversationSummary } from "./types";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { requestAutoAssignment } from "@/lib/assignment/requests";

export const assignConversationInput = z.object({
  /** A member of the conversation's inbox, or null to unassign. */
  assigneeId: z.number().int().positive().nullable(),
});
export type AssignConversationInput = z.input<typeof assignConversationInput>;

/**
 * Assigns the conversation to a member of its inbox (or unassigns it) and records who did it.
 * Any agent who can see the conversation may assign it, as in Chatwoot.
 */
export async function assignConversation(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: AssignConversationInput,
  /**
   * For the domain only (lib/assignment): an automatic assignment, which changes only a conversation
   * that is still open and unassigned once locked (so it never overrides a person's choice) and
   * says so in the activity line and the notification.
   */
  options: { auto?: boolean } = {},
): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const { assigneeId } = parseInput(assignConversationInput, params);
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    if (conversation.assigneeId === assigneeId) return loadConversationSummary(tx, accountId, conversation.id);
    if (options.auto && (conversation.assigneeId !== null || conversation.status !== "open")) return loadConversationSummary(tx, accountId, conversation.id);
    if (assigneeId !== null) {
      // A member of the inbox, or an administrator (who sees every inbox).
      const [member] = await tx
        .select({ id: accountUsers.id })
        .from(accountUsers)
        .leftJoin(
          inboxMembers,
          and(eq(inboxMembers.accountId, accountUsers.accountId), eq(inboxMembers.inboxId, conversation.inboxId), eq(inboxMembers.userId, accountUsers.userId)),
        )
        .where(
          and(
            eq(accountUsers.accountId, accountId),
            eq(accountUsers.userId, assigneeId),
            or(eq(accountUsers.role, "administrator"), isNotNull(inboxMembers.id)),
          ),
        )
        .limit(1);
      if (!member) throw invalid("The assignee must be a member of the conversation's inbox or an administrator");
    }
    await tx
      .update(conversations)
      .set({ assigneeId, assigneeLastSeenAt: null, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    const who = await actorName(tx, access);
    let line: string;
    if (options.auto && assigneeId !== null) line = `Assigned to ${(await userName(tx, assigneeId)) ?? "an agent"} by auto-assignment`;
    else if (assigneeId === null) line = who ? `${who} unassigned this conversation` : "Conversation was unassigned";
    else if (assigneeId === access.userId) line = `${who} self-assigned this conversation`;
    else {
      const target = (await userName(tx, assigneeId)) ?? "an agent";
      line = who ? `${who} assigned this conversation to ${target}` : `Conversation was assigned to ${target}`;
    }
    await insertActivityMessage(tx, conversation, line);
    const summary = await loadConversationSummary(tx, accountId, conversation.id);
    if (assigneeId !== null && assigneeId !== access.userId) {
      // Nobody needs telling about what they did themselves.
      await notifyAsChosen(tx, afterCommit, {
        accountId,
        userId: assigneeId,
        notificationType: "conversation_assignment",
        conversation: { id: conversation.id, displayId: conversation.displayId },
        title: options.auto
          ? `Conversation #${conversation.displayId} was assigned to you by auto-assignment`
          : who
            ? `${who} assigned you conversation #${conversation.displayId}`
            : `Conversation #${conversation.displayId} was assigned to you`,
        body: `${summary.contact.name} · ${summary.inbox.name}`,
      });
    }
    emitAssigneeChanged(afterCommit, summary, conversation.assigneeId);
    // The previous assignee has room for one more in this inbox (and an unassigned conversation waits).
    if (conversation.assigneeId !== null && conversation.status === "open") requestAutoAssignment(afterCommit, { accountId, inboxId: conversation.inboxId });
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId: conversation.id,
      events: ["conversation_updated"],
      changedAttributes: { assignee_id: [conversation.assigneeId, assigneeId] },
      summary,
    });
    return summary;
  });
}
