import type { Conversation } from "../schema";

export type ConversationStatus = Conversation["status"];
export type ConversationPriority = NonNullable<Conversation["priority"]>;

/**
 * One conversation with what a list row and the conversation header show. Returned by
 * listConversations, getConversation and every conversation mutation.
 */
export type ConversationSummary = {
  id: number;
  accountId: number;
  displayId: number;
  uuid: string;
  inboxId: number;
  status: ConversationStatus;
  priority: ConversationPriority | null;
  snoozedUntil: Date | null;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
  agentLastSeenAt: Date | null;
  assigneeLastSeenAt: Date | null;
  contactLastSeenAt: Date | null;
  firstReplyCreatedAt: Date | null;
  waitingSince: Date | null;
  additionalAttributes: Record<string, unknown>;
  customAttributes: Record<string, unknown>;
  contactInboxId: number | null;
  /** An email conversation's subject (additional_attributes.mail_subject, at most 300 characters), on its own so rows need no attributes. */
  subject: string | null;
  contact: {
    id: number;
    name: string;
    email: string | null;
    phoneNumber: string | null;
    identifier: string | null;
    thumbnail: string | null;
    /** Chatwoot's `blocked`; a blocked contact's conversations are "muted" (absent in older payloads: false). */
    blocked?: boolean;
  };
  inbox: { id: number; name: string; channelType: "api" | "email" };
  assignee: { id: number; name: string; displayName: string | null; email: string; availability: "online" | "busy" | "offline" | null } | null;
  /** The team it is assigned to, with or without an agent. */
  team: { id: number; name: string } | null;
  /** Its labels' titles, alphabetically (Chatwoot's `labels`). */
  labels: string[];
  /** The newest incoming or outgoing message (notes included, activity lines not). */
  lastMessage: {
    id: number;
    content: string | null;
    messageType: "incoming" | "outgoing" | "activity" | "template";
    private: boolean;
    createdAt: Date;
    senderType: "contact" | "user" | "agent_bot" | null;
    senderId: number | null;
  } | null;
  /** What the list row shows: the newest message a customer or agent wrote (never a private note). */
  preview: { content: string | null; messageType: "incoming" | "outgoing" } | null;
  /** Incoming messages newer than agent_last_seen_at. */
  unreadCount: number;
  /** A reply of the conversation failed for good (not delivered, until retried successfully). */
  hasFailedReply: boolean;
  /** The SLA policy it is under and its timers (lib/sla), or null; absent where not read. */
  sla?: AppliedSlaSummary | null;
};

/** An applied SLA as rows, the header and the API show it (due times counted by lib/sla/timers.ts). */
export type AppliedSlaSummary = {
  id: number;
  policyId: number;
  name: string;
  description: string | null;
  status: "active" | "hit" | "missed" | "active_with_misses";
  frtDueAt: Date | null;
  nrtDueAt: Date | null;
  rtDueAt: Date | null;
  /** Targets met or missed so far. */
  outcomes: Partial<Record<"frt" | "nrt" | "rt", "hit" | "missed">>;
  thresholds: { frt: number | null; nrt: number | null; rt: number | null };
  onlyDuringBusinessHours: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type ConversationListMeta = { mineCount: number; unassignedCount: number; allCount: number };
