import { z } from "zod";

/** Sent as Pusher client events on the inbox channel: only the inbox's agents receive them. */
export const TYPING_ON = "client-conversation.typing_on";
export const TYPING_OFF = "client-conversation.typing_off";

/** What a browser sends: never who it is; the server adds that (`user_id`). */
export type TypingPayload = { displayId: number; private: boolean };
const payload = z.object({ displayId: z.number().int().positive(), private: z.boolean().default(false) });

export type TypingEvent = { on: boolean; displayId: number; private: boolean; userId: number };

/** A frame's data: Pusher sends it as a JSON string, a test may send an object; undefined when unreadable. */
function frameData(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A client event frame as it arrives (`{ event, channel, data, user_id }`), checked: the sender is
 * the `user_id` the realtime server stamped from the socket's sign-in (the embedded server and
 * Pusher both do, for signed-in connections), never a name or id in the payload. Anything
 * malformed — wrong event, another channel, no sender, a payload without its fields — is null,
 * so a hostile or broken client cannot break anyone's screen.
 */
export function parseTypingFrame(frame: unknown, channel: string): TypingEvent | null {
  if (!frame || typeof frame !== "object") return null;
  const f = frame as { event?: unknown; channel?: unknown; data?: unknown; user_id?: unknown };
  if (f.channel !== channel || (f.event !== TYPING_ON && f.event !== TYPING_OFF)) return null;
  const userId = typeof f.user_id === "string" && /^[1-9]\d{0,15}$/.test(f.user_id) ? Number(f.user_id) : null;
  if (userId === null) return null;
  const data = frameData(f.data);
  if (data === undefined) return null;
  const parsed = payload.safeParse(data);
  if (!parsed.success) return null;
  return { on: f.event === TYPING_ON, displayId: parsed.data.displayId, private: parsed.data.private, userId };
}

/** Published by the server when the contact types (Client API toggle_typing; lib/realtime/contact-events.ts). */
export const CONTACT_TYPING = "conversation.contact_typing";
const contactPayload = z.object({ conversationDisplayId: z.number().int().positive(), typing: z.boolean() });

/**
 * A server event frame of the contact typing, checked: the right event on this channel, with no
 * sender stamped (browsers can only send `client-` events, which the server stamps), and its fields.
 */
export function parseContactTypingFrame(frame: unknown, channel: string): { displayId: number; on: boolean } | null {
  if (!frame || typeof frame !== "object") return null;
  const f = frame as { event?: unknown; channel?: unknown; data?: unknown; user_id?: unknown };
  if (f.channel !== channel || f.event !== CONTACT_TYPING || f.user_id !== undefined) return null;
  const data = frameData(f.data);
  if (data === undefined) return null;
  const parsed = contactPayload.safeParse(data);
  return parsed.success ? { displayId: parsed.data.conversationDisplayId, on: parsed.data.typing } : null;
}

/** Published by the server for members whose custom role narrows what they see (lib/realtime/typing.ts). */
export const RELAYED_TYPING_ON = "conversation.typing_on";
export const RELAYED_TYPING_OFF = "conversation.typing_off";
const relayedPayload = z.object({ conversationDisplayId: z.number().int().positive(), userId: z.number().int().positive(), private: z.boolean() });

/**
 * An agent's typing relayed by the server, checked: the right event on this channel, with no
 * sender stamped (a browser can send only `client-` events, which are stamped), so the `userId` in
 * the payload is the server's word.
 */
export function parseRelayedTypingFrame(frame: unknown, channel: string): TypingEvent | null {
  if (!frame || typeof frame !== "object") return null;
  const f = frame as { event?: unknown; channel?: unknown; data?: unknown; user_id?: unknown };
  if (f.channel !== channel || (f.event !== RELAYED_TYPING_ON && f.event !== RELAYED_TYPING_OFF) || f.user_id !== undefined) return null;
  const data = frameData(f.data);
  if (data === undefined) return null;
  const parsed = relayedPayload.safeParse(data);
  if (!parsed.success) return null;
  return { on: f.event === RELAYED_TYPING_ON, displayId: parsed.data.conversationDisplayId, private: parsed.data.private, userId: parsed.data.userId };
}
