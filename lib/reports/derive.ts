import type { ReportingEventName } from "@/db/schema/reports";
import { businessMillisBetween, type Schedule } from "@/lib/business-hours/schedule";

/**
 * A conversation's reporting events as a pure function of its committed history, so the live hook
 * (record.ts, after each commit) and the backfill write the very same rows under the same keys.
 * The rules (docs/reports.md):
 *   - conversation_created: when it was created.
 *   - message_incoming / message_outgoing: each public message to or from the customer (notes are
 *     not messages sent; automatic replies and bots' messages are outgoing messages).
 *   - first_response: the first reply by a person (an agent, public, not automatic) after the
 *     customer's first message, timed from that message. Once per conversation.
 *   - reply_time: each agent reply that answers waiting customer messages, timed from the oldest
 *     unanswered one (the first response is one of them). Bots and automatic replies answer
 *     nobody: the customer still waits for a person.
 *   - conversation_resolved: each resolution counts; its time runs from when the conversation was
 *     last opened (its creation, or the reopen after the previous resolution).
 *   - conversation_opened: a resolved conversation reopened; its value is how long it had been resolved.
 */

export type HistoryConversation = { id: number; inboxId: number; assigneeId: number | null; createdAt: Date };

export type HistoryMessage = {
  id: number;
  messageType: "incoming" | "outgoing" | "activity" | "template";
  private: boolean;
  senderType: "contact" | "user" | "agent_bot" | null;
  senderId: number | null;
  /** contentAttributes.auto_reply (out-of-office, greeting): sent by the system, not a person. */
  autoReply: boolean;
  /** Activity lines only: their text tells resolves and reopens apart. */
  content: string | null;
  createdAt: Date;
};

export type DerivedEvent = {
  key: string;
  name: ReportingEventName;
  value: number;
  valueInBusinessHours: number;
  inboxId: number;
  userId: number | null;
  conversationId: number;
  messageId: number | null;
  eventStartTime: Date;
  eventEndTime: Date;
};

// The activity lines toggleStatus and the incoming-message reopen write (lib/conversations/toggle-status.ts).
const RESOLVED_LINE = /(^| )resolved the conversation$|^Conversation was marked resolved$/;
const REOPENED_LINE = /(^| )reopened the conversation$|^Conversation was reopened$/;

export function deriveReportingEvents(conversation: HistoryConversation, history: readonly HistoryMessage[], schedule: Schedule | null): DerivedEvent[] {
  const events: DerivedEvent[] = [];
  const push = (name: ReportingEventName, key: string, start: Date, end: Date, extra: { userId?: number | null; messageId?: number | null } = {}) => {
    const value = Math.max(0, (end.getTime() - start.getTime()) / 1000);
    events.push({
      key,
      name,
      value,
      valueInBusinessHours: schedule ? businessMillisBetween(schedule, start, end) / 1000 : value,
      inboxId: conversation.inboxId,
      userId: extra.userId ?? null,
      conversationId: conversation.id,
      messageId: extra.messageId ?? null,
      eventStartTime: start,
      eventEndTime: end,
    });
  };
  push("conversation_created", `created:${conversation.id}`, conversation.createdAt, conversation.createdAt);

  const sorted = [...history].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  let firstIncomingAt: Date | null = null;
  let responded = false;
  let waitingSince: Date | null = null;
  let openedAt = conversation.createdAt;
  let resolvedAt: Date | null = null;

  for (const m of sorted) {
    if (m.messageType === "incoming" && !m.private) {
      push("message_incoming", `in:${m.id}`, m.createdAt, m.createdAt, { messageId: m.id });
      firstIncomingAt ??= m.createdAt;
      waitingSince ??= m.createdAt;
    } else if (m.messageType === "outgoing" && !m.private) {
      const person = m.senderType === "user" && !m.autoReply;
      const userId = m.senderType === "user" ? m.senderId : null;
      push("message_outgoing", `out:${m.id}`, m.createdAt, m.createdAt, { messageId: m.id, userId });
      if (!person) continue;
      if (!responded && firstIncomingAt) {
        responded = true;
        push("first_response", `first_response:${conversation.id}`, firstIncomingAt, m.createdAt, { messageId: m.id, userId });
      }
      if (waitingSince) {
        push("reply_time", `reply:${m.id}`, waitingSince, m.createdAt, { messageId: m.id, userId });
        waitingSince = null;
      }
    } else if (m.messageType === "activity" && m.content) {
      if (resolvedAt === null && RESOLVED_LINE.test(m.content)) {
        push("conversation_resolved", `resolved:${m.id}`, openedAt, m.createdAt, { messageId: m.id, userId: conversation.assigneeId });
        resolvedAt = m.createdAt;
      } else if (resolvedAt !== null && REOPENED_LINE.test(m.content)) {
        push("conversation_opened", `opened:${m.id}`, resolvedAt, m.createdAt, { messageId: m.id, userId: conversation.assigneeId });
        resolvedAt = null;
        openedAt = m.createdAt;
      }
    }
  }
  return events;
}
