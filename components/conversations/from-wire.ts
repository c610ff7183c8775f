import type { ConversationSummary } from "@/lib/conversations/types";
import type { MessageDetails } from "@/lib/messages/types";
import type { Wire } from "@/lib/realtime/payloads";
import { slaFromWire } from "@/components/sla/sla-clock";

const date = (v: string) => new Date(v);
const maybeDate = (v: string | null) => (v === null ? null : new Date(v));

/** A list row from an event payload (dates arrive as ISO strings). */
export function summaryFromWire(c: Wire<ConversationSummary>): ConversationSummary {
  return {
    ...c,
    snoozedUntil: maybeDate(c.snoozedUntil),
    lastActivityAt: date(c.lastActivityAt),
    createdAt: date(c.createdAt),
    updatedAt: date(c.updatedAt),
    agentLastSeenAt: maybeDate(c.agentLastSeenAt),
    assigneeLastSeenAt: maybeDate(c.assigneeLastSeenAt),
    contactLastSeenAt: maybeDate(c.contactLastSeenAt),
    firstReplyCreatedAt: maybeDate(c.firstReplyCreatedAt),
    waitingSince: maybeDate(c.waitingSince),
    lastMessage: c.lastMessage ? { ...c.lastMessage, createdAt: date(c.lastMessage.createdAt) } : null,
    sla: slaFromWire(c.sla),
  } as ConversationSummary;
}

/** A thread message from an event payload. */
export function messageFromWire(m: Wire<MessageDetails>): MessageDetails {
  return {
    ...m,
    createdAt: date(m.createdAt),
    updatedAt: date(m.updatedAt),
    delivery: m.delivery ? { ...m.delivery, nextAttemptAt: maybeDate(m.delivery.nextAttemptAt) } : null,
  } as MessageDetails;
}
