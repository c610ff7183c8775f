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
import { actorName, insertActivityMessage } from "@/lib/messages/activity";
import { emitConversationUpdated } from "@/lib/realtime/emit";
import { findTeam } from "./teams";
import { requestAutoAssignment } from "@/lib/assignment/requests";

export const assignTeamInput = z.object({
  /** A team of the account, or null to take the conversation off its team. */
  teamId: z.number().int().positive().nullable(),
});
export type AssignTeamInput = z.input<typeof assignTeamInput>;

/**
 * Puts a conversation in a team (or takes it out). The agent assigned stays assigned whatever the
 * team: a team is where the conversation belongs, the agent who works it is a separate choice (a
 * request naming only the team never unassigns anyone). Any agent who can see the conversation
 * may do it, as with assigning an agent.
 */
export async function assignTeam(db: DbOrTx, actor: Actor, accountId: number, displayId: number, params: AssignTeamInput): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const { teamId } = parseInput(assignTeamInput, params, "api");
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    const team = teamId === null ? null : await findTeam(tx, accountId, teamId);
    if (conversation.teamId === teamId) return loadConversationSummary(tx, accountId, conversation.id);
    const previous = conversation.teamId === null ? null : await findTeam(tx, accountId, conversation.teamId).catch(() => null);
    await tx
      .update(conversations)
      .set({ teamId, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    const who = await actorName(tx, access);
    const line = team
      ? who ? `${who} assigned this conversation to the team ${team.name}` : `Conversation was assigned to the team ${team.name}`
      : who ? `${who} removed this conversation from the team ${previous?.name ?? ""}`.trimEnd() : "Conversation was removed from its team";
    await insertActivityMessage(tx, conversation, line);
    const summary = await loadConversationSummary(tx, accountId, conversation.id);
    emitConversationUpdated(afterCommit, summary);
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId: conversation.id,
      events: ["conversation_updated"],
      changedAttributes: { team_id: [conversation.teamId, teamId] },
      summary,
    });
    // An unassigned conversation now waits for the team's members (if the team auto-assigns).
    if (conversation.assigneeId === null && conversation.status === "open") requestAutoAssignment(afterCommit, { accountId, inboxId: conversation.inboxId });
    return summary;
  });
}
