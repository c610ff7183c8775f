import type { AppliedSlaSummary, ConversationSummary } from "@/lib/conversations/types";

/**
 * What the conversation list reads of a conversation: the row (conversation-row.tsx, the SLA
 * badge, the tags), the live patches (list-patch.ts) and the filter judged in the browser
 * (filter-match.ts). A whole `ConversationSummary` (what live events carry) is one; the
 * server-rendered rows arrive as the compact `RowWire` below and become one in the browser.
 */
export type ListRow = Pick<
  ConversationSummary,
  | "id"
  | "displayId"
  | "inboxId"
  | "status"
  | "priority"
  | "lastActivityAt"
  | "createdAt"
  | "updatedAt"
  | "agentLastSeenAt"
  | "waitingSince"
  | "firstReplyCreatedAt"
  | "subject"
  | "team"
  | "labels"
  | "preview"
  | "unreadCount"
  | "hasFailedReply"
> & {
  contact: Pick<ConversationSummary["contact"], "id" | "name" | "email">;
  inbox: Pick<ConversationSummary["inbox"], "name">;
  assignee: Pick<NonNullable<ConversationSummary["assignee"]>, "id" | "name" | "displayName"> | null;
  lastMessage: Pick<NonNullable<ConversationSummary["lastMessage"]>, "private"> | null;
  sla?: ListRowSla | null;
};

/** What the row's badge and the "SLA breached" filter read of an applied SLA. */
export type ListRowSla = Pick<AppliedSlaSummary, "name" | "status" | "frtDueAt" | "nrtDueAt" | "rtDueAt" | "thresholds">;

/**
 * A server-rendered row as it crosses into the browser (the RSC payload, parsed again for the
 * HTML): short keys, times as epoch milliseconds instead of `$D` date strings, and a key only
 * when it has something to say. Built by `rowPayload` (row-payload.ts), read once by
 * `rowFromWire` (from-wire.ts); nothing else should depend on these names.
 */
export type RowWire = {
  /** id, display id, inbox id */
  i: number;
  d: number;
  b: number;
  /** inbox name */
  bn: string;
  s: ConversationSummary["status"];
  p?: NonNullable<ConversationSummary["priority"]>;
  /** last activity, created, updated (ms) */
  la: number;
  ca: number;
  ua: number;
  /** agent last seen, waiting since, first reply (ms), when set */
  rs?: number;
  ws?: number;
  fr?: number;
  sj?: string;
  /** contact id, name, email */
  ci: number;
  cn: string;
  ce?: string;
  /** assignee id, name, display name */
  ai?: number;
  an?: string;
  ad?: string;
  /** team id and name */
  ti?: number;
  tn?: string;
  l?: string[];
  /** 1: the last message is a private note */
  ln?: 1;
  /** preview text ("" for a message without text), 1 when the preview is an agent's reply */
  pv?: string;
  po?: 1;
  u?: number;
  /** 1: a reply was not delivered */
  f?: 1;
  sla?: { n: string; s: AppliedSlaSummary["status"]; f?: number; x?: number; r?: number; t: [number | null, number | null, number | null] };
};
