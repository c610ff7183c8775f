import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import type { RecordedEvent } from "@/lib/automation/record-event";
import type { ConversationStatus } from "@/lib/conversations/types";
import { emitIntegrationEvent } from "@/lib/integrations/emit";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { emitConversationCreated, emitMessageCreated } from "@/lib/realtime/emit";

/**
 * What one message of a batch import announces, in the order the one-message path does: the new
 * conversation, the message, then the reopen it caused. Live and integration events go out after
 * the commit; the automation rules' events are collected in `ruleEvents` for the batch's one
 * insert into the outbox (so the integration events are told they are recorded already).
 */
export async function announceImportedMessage(
  tx: Tx,
  afterCommit: AfterCommit,
  ruleEvents: RecordedEvent[],
  m: {
    accountId: number;
    conversationId: number;
    messageId: number;
    opens: boolean;
    previousStatus: ConversationStatus;
    state: { status: ConversationStatus; assigneeId: number | null };
    reopen: { from: ConversationStatus; to: ConversationStatus } | undefined;
  },
): Promise<void> {
  const { accountId, conversationId, messageId } = m;
  const recorded = { automationRecorded: true };
  if (m.opens) {
    emitConversationCreated(afterCommit, { accountId, id: conversationId });
    emitIntegrationEvent(afterCommit, { accountId, event: "conversation_created", conversationId }, recorded);
    ruleEvents.push({ accountId, event: "conversation_created", conversationId });
  }
  emitMessageCreated(afterCommit, { accountId, conversationId, messageId }, m.previousStatus);
  emitIntegrationEvent(afterCommit, { accountId, event: "message_created", conversationId, messageId, conversationState: m.state }, recorded);
  ruleEvents.push({ accountId, event: "message_created", conversationId, messageId });
  if (m.reopen) {
    // As the one-message path: receivers hear the reopen after the message that caused it.
    const changedAttributes = { status: [m.reopen.from, m.reopen.to] as [unknown, unknown] };
    const events = ["conversation_status_changed", "conversation_updated"] as const;
    await emitConversationChange(tx, afterCommit, { accountId, conversationId, events: [...events], changedAttributes, automationRecorded: true });
    for (const event of events) ruleEvents.push({ accountId, event, conversationId, changedAttributes });
  }
}
