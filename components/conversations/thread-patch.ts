import type { AttachmentInfo } from "@/lib/messages/get-attachment";
import type { MessageDetails } from "@/lib/messages/types";
import type { AttachmentWire, MessagePayload } from "@/lib/realtime/payloads";
import { messageFromWire } from "./from-wire";

/** A message appended live, with the files its event (or fetch) listed. */
export type LiveMessage = MessageDetails & { attachments?: readonly AttachmentInfo[] };

/** The thread's file entries from Chatwoot's attachment fields of a message event. */
export const filesFromWire = (list: readonly AttachmentWire[]): AttachmentInfo[] =>
  list.map((a) => ({ id: a.id, messageId: a.message_id, fileName: a.file_name, contentType: a.content_type, byteSize: a.file_size }));

/** The message of an event with its files; an event without `attachments` keeps the ones known (updates do not repeat them). */
function fromEvent(p: MessagePayload, old: LiveMessage | undefined): LiveMessage {
  const { attachments, ...rest } = p.message;
  const message: LiveMessage = messageFromWire(rest);
  const files = attachments ? filesFromWire(attachments) : old?.attachments;
  return files && files.length > 0 ? { ...message, attachments: files } : message;
}

/** The messages to append: arrived by event, not (yet) in the server's render, oldest first. */
export function tailMessages(arrived: ReadonlyMap<number, LiveMessage>, shownIds: readonly number[]): LiveMessage[] {
  const shown = new Set(shownIds);
  return [...arrived.values()].filter((m) => !shown.has(m.id)).sort((a, b) => a.id - b.id);
}

/**
 * Whether a message event announces a message the thread must fetch to show
 * (GET /api/accounts/{id}/messages/{id}): an incoming email (its card is prepared on the server:
 * sanitized HTML, attachments) or a `partial` payload, not yet shown here.
 */
export function needsFetch(arrived: ReadonlyMap<number, LiveMessage>, name: string, p: MessagePayload): boolean {
  return name === "message.created" && !arrived.has(p.message.id) && (p.partial === true || p.message.contentType === "incoming_email");
}

/** Adds (or updates) a fetched message unless a newer version of it is already shown. */
export function applyFetchedMessage(arrived: ReadonlyMap<number, LiveMessage>, message: LiveMessage): ReadonlyMap<number, LiveMessage> {
  const old = arrived.get(message.id);
  if (old && old.updatedAt.getTime() > message.updatedAt.getTime()) return arrived;
  return new Map(arrived).set(message.id, message);
}

/**
 * Applies one message event of this conversation to what arrived so far. New messages come from
 * complete payloads only, and not incoming emails: those, like `partial` ones, are fetched
 * (`needsFetch`, `applyFetchedMessage`).
 * Updates patch only messages appended here (server-rendered ones patch their own status); a
 * partial update brings the status and delivery alone. Never goes back to an older version.
 */
export function applyMessageEvent(arrived: ReadonlyMap<number, LiveMessage>, name: string, p: MessagePayload): ReadonlyMap<number, LiveMessage> {
  const old = arrived.get(p.message.id);
  if (old && old.updatedAt.getTime() > p.version) return arrived;
  let next: LiveMessage;
  if (name === "message.created" && !old) {
    if (p.partial || p.message.contentType === "incoming_email") return arrived;
    next = fromEvent(p, undefined);
  } else if (old) {
    // A partial update lacks content and attributes; its status and delivery (small) are whole.
    next = p.partial ? { ...old, status: p.message.status, delivery: messageFromWire(p.message).delivery, updatedAt: new Date(p.version) } : fromEvent(p, old);
  } else {
    return arrived;
  }
  return new Map(arrived).set(next.id, next);
}
