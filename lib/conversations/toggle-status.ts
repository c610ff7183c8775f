import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { actorName, insertActivityMessage } from "@/lib/messages/activity";
import { emitConversationUpdated, emitStatusChanged } from "@/lib/realtime/emit";
import { emitContactStatusChanged } from "@/lib/realtime/contact-events";
import { findVisibleConversation, loadConversationSummary } from "./find-conversation";
import type { ConversationStatus, ConversationSummary } from "./types";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { notifyHandoff } from "@/lib/agent-bots/handoff";
import { requestAutoAssignment } from "@/lib/assignment/requests";
import { requestCsatSurvey } from "@/lib/csat/request";
import { refreshConversationSlas } from "@/lib/sla/refresh";

export const toggleStatusInput = z
  .object({
    /** Omitted: toggles between open and resolved, as Chatwoot's toggle_status does. */
    status: z.enum(["open", "pending", "resolved", "snoozed"]).optional(),
    /** Only with status snoozed; null snoozes until the next incoming message. */
    snoozedUntil: z.coerce.date().nullable().optional(),
  })
  // A time already past would reopen at the next sweep: almost certainly a mistake in the picker.
  .refine((v) => v.status !== "snoozed" || !v.snoozedUntil || v.snoozedUntil.getTime() > Date.now(), {
    message: "Snooze until must be in the future",
    path: ["snoozedUntil"],
  });
export type ToggleStatusInput = z.input<typeof toggleStatusInput>;

function activityLine(status: ConversationStatus, name: string | null): string {
  if (name === null) {
    return status === "open" ? "Conversation was reopened" : `Conversation was marked ${status}`;
  }
  switch (status) {
    case "open":
      return `${name} reopened the conversation`;
    case "resolved":
      return `${name} resolved the conversation`;
    case "pending":
      return `${name} marked the conversation as pending`;
    case "snoozed":
      return `${name} snoozed the conversation`;
  }
}

/**
 * Changes a conversation's status and records who did it as an activity line. Setting the status
 * it already has changes nothing and writes no line (so double clicks and retries are harmless).
 * The system actor uses this too, e.g. to reopen snoozed conversations when their time comes.
 */
export async function toggleStatus(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: ToggleStatusInput = {},
  /** For the domain only: the activity line to write instead of the usual one, and whether this is a bot's handoff. */
  options: { activityLine?: string; handoff?: boolean } = {},
): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(toggleStatusInput, params);
  return inTransaction(db, async (tx, afterCommit) => {
    const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
    const next: ConversationStatus = input.status ?? (conversation.status === "open" ? "resolved" : "open");
    const snoozedUntil = next === "snoozed" ? (input.snoozedUntil ?? null) : null;
    const unchanged = next === conversation.status && (next !== "snoozed" || sameTime(snoozedUntil, conversation.snoozedUntil));
    if (unchanged) return loadConversationSummary(tx, accountId, conversation.id);
    await tx
      .update(conversations)
      .set({ status: next, snoozedUntil, updatedAt: new Date() })
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    if (next !== conversation.status) {
      const name = await actorName(tx, access);
      await insertActivityMessage(tx, conversation, options.activityLine ?? activityLine(next, name));
      // A bot handing over (pending → open) tells the inbox's agents (lib/agent-bots/handoff.ts).
      if (conversation.status === "pending" && next === "open" && (access.agentBotId !== undefined || options.handoff)) {
        await notifyHandoff(tx, afterCommit, {
          accountId,
          conversation: { id: conversation.id, displayId: conversation.displayId, inboxId: conversation.inboxId },
          title: `Conversation #${conversation.displayId} was handed over by ${access.agentBotId !== undefined ? (name ?? "the bot") : "the system"}`,
          body: options.activityLine,
        });
      }
    }
    // Resolving ends the SLA, reopening runs it again: the status change's event shows it.
    if (next !== conversation.status && (next === "resolved" || conversation.status === "resolved")) await refreshConversationSlas(tx, afterCommit, accountId, [conversation.id]);
    // Read before the commit (the same read as before, moved in): the event carries it.
    const summary = await loadConversationSummary(tx, accountId, conversation.id);
    if (next !== conversation.status) {
      emitStatusChanged(afterCommit, summary, conversation.status);
      // Reopened unassigned (or handed over by a bot): it waits; an assignee's resolve frees capacity.
      if ((next === "open" && conversation.assigneeId === null) || (conversation.status === "open" && conversation.assigneeId !== null)) {
        requestAutoAssignment(afterCommit, { accountId, inboxId: conversation.inboxId });
      }
      emitContactStatusChanged(afterCommit, conversation); // an API inbox's contact sees its status
      if (next === "resolved") requestCsatSurvey(afterCommit, { accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
    }
    else emitConversationUpdated(afterCommit, summary); // a new snooze time
    const changes = {
      ...(next !== conversation.status ? { status: [conversation.status, next] as [unknown, unknown] } : {}),
      ...(!sameTime(snoozedUntil, conversation.snoozedUntil) ? { snoozed_until: [conversation.snoozedUntil, snoozedUntil] as [unknown, unknown] } : {}),
    };
    // As Chatwoot: a status change is both conversation_status_changed and conversation_updated.
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId: conversation.id,
      events: next !== conversation.status ? ["conversation_status_changed", "conversation_updated"] : ["conversation_updated"],
      changedAttributes: changes,
      summary,
    });
    return summary;
  });
}

const sameTime = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());
