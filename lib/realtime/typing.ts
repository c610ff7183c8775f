import { isPusherConfigured } from "@/lib/env";
import { inboxChannel, memberChannel } from "./channels";
import { narrowedViewers } from "./narrowed-audience";
import { publishEvents, realtimeEvent } from "./publish";

type TypedIn = { accountId: number; id: number; inboxId: number; displayId: number };

/**
 * Typing for members whose custom role narrows what they see. Agents tell each other they are
 * typing with Pusher client events on the inbox channel (components/realtime/use-typing.ts), which
 * such members are refused; so the server relays: an agent's typing goes to the member channels
 * of the narrowed members who may see the conversation (never to the typer), and, when the typer
 * is such a member (who cannot send to the inbox channel), to the inbox channel too. The relay is
 * asked only in accounts that have narrowed members (the layout tells the browser).
 */
export async function relayAgentTyping(
  conversation: TypedIn,
  typer: { userId: number; narrowed: boolean },
  status: "on" | "off",
  isPrivate: boolean,
): Promise<void> {
  if (!isPusherConfigured()) return;
  const viewers = (await narrowedViewers(conversation.accountId, conversation.id)).filter((id) => id !== typer.userId);
  const channels = [
    ...(typer.narrowed ? [inboxChannel(conversation.accountId, conversation.inboxId)] : []),
    ...viewers.map((userId) => memberChannel(conversation.accountId, userId)),
  ];
  if (channels.length === 0) return;
  const data = { accountId: conversation.accountId, conversationDisplayId: conversation.displayId, userId: typer.userId, private: isPrivate };
  await publishEvents([realtimeEvent(status === "on" ? "conversation.typing_on" : "conversation.typing_off", channels, data)]);
}

/**
 * The contact typing (Client API toggle_typing): `conversation.contact_typing` on the inbox's
 * channel, and on the member channels of the narrowed members who may see the conversation.
 */
export async function publishContactTyping(conversation: TypedIn & { contactId: number }, status: "on" | "off"): Promise<void> {
  if (!isPusherConfigured()) return;
  const viewers = await narrowedViewers(conversation.accountId, conversation.id);
  const channels = [inboxChannel(conversation.accountId, conversation.inboxId), ...viewers.map((userId) => memberChannel(conversation.accountId, userId))];
  const data = { accountId: conversation.accountId, conversationDisplayId: conversation.displayId, contactId: conversation.contactId, typing: status === "on" };
  await publishEvents([realtimeEvent("conversation.contact_typing", channels, data)]);
}
