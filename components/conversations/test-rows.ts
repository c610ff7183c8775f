import type { ConversationSummary } from "@/lib/conversations/types";

/**
 * A list row for the live-list unit tests (list-patch, conversation.hidden, the SLA filter): an
 * open email conversation, unassigned and read, whose activity time is what a test moves.
 */
export function summaryRow(id: number, activityAt: Date, createdAt: Date, more: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    accountId: 1,
    displayId: id,
    uuid: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    inboxId: 10,
    status: "open",
    priority: null,
    snoozedUntil: null,
    lastActivityAt: activityAt,
    createdAt,
    updatedAt: activityAt,
    agentLastSeenAt: null,
    assigneeLastSeenAt: null,
    contactLastSeenAt: null,
    firstReplyCreatedAt: null,
    waitingSince: null,
    additionalAttributes: {},
    customAttributes: {},
    contactInboxId: null,
    subject: null,
    contact: { id: 100 + id, name: `Contact ${id}`, email: null, phoneNumber: null, identifier: null, thumbnail: null },
    inbox: { id: 10, name: "Mail", channelType: "email" },
    assignee: null,
    team: null,
    labels: [],
    lastMessage: null,
    preview: null,
    unreadCount: 0,
    hasFailedReply: false,
    ...more,
  };
}
