import type { MessageDetails } from "@/lib/messages/types";
import type { MessagePayload } from "@/lib/realtime/payloads";
import { messageFromWire } from "./from-wire";

/** The messages to append: arrived by event, not (yet) in the server's render, oldest first. */
export function tailMessages(arrived: ReadonlyMap<number, MessageDetails>, shownIds: readonly number[]): MessageDetails[] {
  const shown = new Set(shownIds);
  return [...arrived.values()].filter((m) => !shown.has(m.id)).sort((a, b) => a.id - b.id);
}

/**
 * Whether a message event announces a message the thread must fetch to show
 * (GET /api/accounts/{id}/messages/{id}): an incoming email (its card is prepared on the server:
 * sanitized HTML, attachments) or a `partial` payload, not yet shown here.
 */
export function needsFetch(arrived: ReadonlyMap<number, MessageDetails>, name: string, p: MessagePayload): boolean {
  return name === "message.created" && !arrived.has(p.message.id) && (p.partial === true || p.message.contentType === "incoming_email");
}

/** Adds (or updates) a fetched message unless a newer version of it is already shown. */
export function applyFetchedMessage(arrived: ReadonlyMap<number, MessageDetails>, message: MessageDetails): ReadonlyMap<number, MessageDetails> {
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
export function applyMessageEvent(arrived: ReadonlyMap<number, MessageDetails>, name: string, p: MessagePayload): ReadonlyMap<number, MessageDetails> {
  const old = arrived.get(p.message.id);
  if (old && old.updatedAt.getTime() > p.version) return arrived;
  let next: MessageDetails;
  if (name === "message.created" && !old) {
    if (p.partial || p.message.contentType === "incoming_email") return arrived;
    next = messageFromWire(p.message);
  } else if (old) {
    // A partial update lacks content and attributes; its status and delivery (small) are whole.
    next = p.partial ? { ...old, status: p.message.status, delivery: messageFromWire(p.message).delivery, updatedAt: new Date(p.version) } : messageFromWire(p.message);
  } else {
    return arrived;
  }
  return new Map(arrived).set(next.id, next);
}
