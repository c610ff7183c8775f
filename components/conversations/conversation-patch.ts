import type { ConversationSummary } from "@/lib/conversations/types";
import { isNewer } from "@/lib/realtime/payloads";

/**
 * The open conversation's header as live events left it: the newest row event for it (whole
 * row), and the newest read. Pure, so it is tested without a browser (conversation-patch.test.ts).
 */
export type ConversationPatch = { row: { version: number; row: ConversationSummary } | null; read: { seenAt: number; version: number } | null };
export const NO_CONVERSATION_PATCH: ConversationPatch = { row: null, read: null };

/** Records a row event of this conversation unless an equal or newer one was applied. */
export function applyConversationEvent(patch: ConversationPatch, row: ConversationSummary, version: number): ConversationPatch {
  if (patch.row && !isNewer(version, patch.row.version)) return patch;
  return { ...patch, row: { version, row } };
}

/** Records a conversation.read unless a newer one was applied. */
export function applyConversationRead(patch: ConversationPatch, seenAt: number, version: number): ConversationPatch {
  if (patch.read && !isNewer(version, patch.read.version)) return patch;
  return { ...patch, read: { seenAt, version } };
}

/**
 * What to show: the server's copy unless an applied event is newer than it (`updatedAt`), with a
 * read at or after the last activity clearing the unread count (a later message moves the activity).
 */
export function patchedConversation(rendered: ConversationSummary, patch: ConversationPatch): ConversationSummary {
  const base = patch.row && patch.row.row.id === rendered.id && patch.row.version > rendered.updatedAt.getTime() ? patch.row.row : rendered;
  const read = patch.read;
  if (!read || base.unreadCount === 0 || read.seenAt < base.lastActivityAt.getTime()) return base;
  return { ...base, unreadCount: 0, agentLastSeenAt: new Date(read.seenAt) };
}
