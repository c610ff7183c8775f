import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accountUsers, conversations, inboxMembers } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, notFound } from "@/lib/errors";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { agentRemoved } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { createLogger } from "@/lib/logger";
import { insertActivityMessage } from "@/lib/messages/activity";
import { emitAssigneeChanged } from "@/lib/realtime/emit";
import { endRealtimeAccess } from "@/lib/realtime/revoke";
import { loadConversationSummary } from "@/lib/conversations/find-conversation";
import { requireAccountAccess, requireAdministrator } from "./access";
import { assertAnotherVerifiedAdministrator, getAgent } from "./agents";

/**
 * Removes the user from the account (the user itself stays: it may belong to other accounts).
 * The membership, their inbox memberships and (by cascade) their team memberships go in this
 * transaction, so their access ends at once and their live connections are closed after commit;
 * their conversations are unassigned by the `unassign-removed-agent` job (not deleted, not
 * rerouted). Nobody removes themselves; the last verified administrator stays.
 */
export async function removeAgent(db: DbOrTx, actor: Actor, accountId: number, userId: number): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  requireAdministrator(access);
  if (access.userId === userId) throw forbidden("You cannot remove yourself from the account");
  await inTransaction(db, async (tx, afterCommit) => {
    const current = await getAgent(tx, accountId, userId);
    if (!current) throw notFound("Agent");
    if (current.role === "administrator") {
      await assertAnotherVerifiedAdministrator(tx, accountId, userId, "The last verified administrator cannot be removed");
    }
    await tx.delete(inboxMembers).where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.userId, userId)));
    // team_members reference the membership: they go with it.
    await tx.delete(accountUsers).where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)));
    afterCommit(() => endRealtimeAccess([userId]));
    afterCommit(() => sendEvent(agentRemoved.create({ accountId, userId, name: current.displayName || current.name })));
  });
}

const CHUNK = 100;
const log = createLogger("accounts");

/**
 * The job's work: every conversation of the account still assigned to the removed user becomes
 * unassigned, one short transaction each (row lock, activity line, live `assignee.changed`,
 * webhooks' conversation_updated). Does nothing if they were added back meanwhile: their
 * assignments are theirs again. Safe to run twice.
 */
export async function unassignRemovedAgent(db: DbOrTx, input: { accountId: number; userId: number; name: string }): Promise<{ unassigned: number }> {
  const { accountId, userId } = input;
  let unassigned = 0;
  for (;;) {
    const [member] = await db
      .select({ id: accountUsers.id })
      .from(accountUsers)
      .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
      .limit(1);
    if (member) break;
    const batch = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.accountId, accountId), eq(conversations.assigneeId, userId)))
      .orderBy(asc(conversations.id))
      .limit(CHUNK);
    if (batch.length === 0) break;
    for (const { id } of batch) if (await unassignOne(db, accountId, id, input)) unassigned += 1;
  }
  log.info("removed agent's conversations unassigned", { accountId, userId, unassigned });
  return { unassigned };
}

async function unassignOne(db: DbOrTx, accountId: number, conversationId: number, removed: { userId: number; name: string }): Promise<boolean> {
  return inTransaction(db, async (tx, afterCommit) => {
    const [row] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversationId)))
      .for("update");
    if (!row || row.assigneeId !== removed.userId) return false;
    await tx
      .update(conversations)
      .set({ assigneeId: null, assigneeLastSeenAt: null, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversationId)));
    await insertActivityMessage(tx, row, `${removed.name} was removed from the account: conversation unassigned`);
    const summary = await loadConversationSummary(tx, accountId, conversationId);
    emitAssigneeChanged(afterCommit, summary, removed.userId);
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId,
      events: ["conversation_updated"],
      changedAttributes: { assignee_id: [removed.userId, null] },
      summary,
    });
    return true;
  });
}
