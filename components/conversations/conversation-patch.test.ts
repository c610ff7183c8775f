import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/lib/conversations/types";
import { assigneeChangedPayload, conversationPayload, statusChangedPayload } from "@/lib/realtime/payloads";
import { applyConversationEvent, applyConversationRead, NO_CONVERSATION_PATCH, patchedConversation } from "./conversation-patch";
import { summaryFromWire } from "./from-wire";

const T0 = Date.parse("2026-11-21T09:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const alice = { id: 7, name: "Alice Agent", displayName: null, email: "alice@acme.test", thumbnail: null, availability: "online" as const };

function conversation(updatedMinute: number, more: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 5,
    accountId: 1,
    displayId: 3,
    uuid: "00000000-0000-4000-8000-000000000005",
    inboxId: 10,
    status: "open",
    priority: null,
    snoozedUntil: null,
    lastActivityAt: at(updatedMinute),
    createdAt: at(0),
    updatedAt: at(updatedMinute),
    agentLastSeenAt: null,
    assigneeLastSeenAt: null,
    contactLastSeenAt: null,
    firstReplyCreatedAt: null,
    waitingSince: null,
    additionalAttributes: {},
    customAttributes: {},
    contactInboxId: null,
    subject: null,
    contact: { id: 100, name: "Carol", email: null, phoneNumber: null, identifier: null, thumbnail: null },
    inbox: { id: 10, name: "Mail", channelType: "email" },
    assignee: null,
    lastMessage: null,
    preview: null,
    unreadCount: 0,
    hasFailedReply: false,
    ...more,
  } as ConversationSummary;
}
/** What the browser makes of an event: the real payload through JSON. */
const received = <P extends { conversation: unknown; version: number }>(payload: P) => {
  const p = JSON.parse(JSON.stringify(payload)) as ReturnType<typeof conversationPayload>;
  return { row: summaryFromWire(p.conversation), version: p.version };
};

describe("the open conversation's header patched by live events", () => {
  it("shows a teammate's status change and assignment from their events, newest first", () => {
    const rendered = conversation(1);
    const resolved = received(statusChangedPayload(conversation(2, { status: "resolved" }), "open"));
    const assigned = received(assigneeChangedPayload(conversation(3, { status: "resolved", assignee: alice } as Partial<ConversationSummary>), null));
    let patch = applyConversationEvent(NO_CONVERSATION_PATCH, resolved.row, resolved.version);
    expect(patchedConversation(rendered, patch).status).toBe("resolved");
    patch = applyConversationEvent(patch, assigned.row, assigned.version);
    // A late delivery of the older event changes nothing.
    patch = applyConversationEvent(patch, resolved.row, resolved.version);
    const shown = patchedConversation(rendered, patch);
    expect(shown.status).toBe("resolved");
    expect(shown.assignee?.id).toBe(7);
  });

  it("keeps a server render newer than the events it has seen, and ignores another conversation's row", () => {
    const old = received(conversationPayload(conversation(2, { status: "pending" })));
    const patch = applyConversationEvent(NO_CONVERSATION_PATCH, old.row, old.version);
    expect(patchedConversation(conversation(4), patch).status).toBe("open");
    const other = received(conversationPayload(conversation(9, { id: 6, status: "resolved" })));
    expect(patchedConversation(conversation(1), applyConversationEvent(NO_CONVERSATION_PATCH, other.row, other.version)).status).toBe("open");
  });

  it("clears unread with a read at or after the last activity, not with an older read", () => {
    const unread = conversation(5, { unreadCount: 2 });
    expect(patchedConversation(unread, applyConversationRead(NO_CONVERSATION_PATCH, at(6).getTime(), at(6).getTime())).unreadCount).toBe(0);
    expect(patchedConversation(unread, applyConversationRead(NO_CONVERSATION_PATCH, at(4).getTime(), at(4).getTime())).unreadCount).toBe(2);
    // A new message after the read (its row event) is unread again: the read is older than its activity.
    let patch = applyConversationRead(NO_CONVERSATION_PATCH, at(6).getTime(), at(6).getTime());
    const arrived = received(conversationPayload(conversation(8, { unreadCount: 1 })));
    patch = applyConversationEvent(patch, arrived.row, arrived.version);
    expect(patchedConversation(unread, patch).unreadCount).toBe(1);
  });
});
