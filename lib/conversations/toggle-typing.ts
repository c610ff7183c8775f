import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { actorName } from "@/lib/messages/activity";
import { narrowsConversations } from "@/lib/accounts/conversation-visibility";
import { publishAgentTypingToContact } from "@/lib/realtime/contact-events";
import { relayAgentTyping } from "@/lib/realtime/typing";
import { invalid } from "@/lib/errors";
import { sendIntegrationEvent } from "@/lib/integrations/emit";
import { findVisibleConversation } from "./find-conversation";

export const toggleTypingInput = z.object({
  typingStatus: z.enum(["on", "off"]),
  /** Typing a private note: the contact is told nothing. */
  isPrivate: z.boolean().default(false),
});
export type ToggleTypingInput = z.input<typeof toggleTypingInput>;

/**
 * An agent (or bot) typing in a conversation it may see, as Chatwoot's toggle_typing_status: in
 * an API inbox, the contact's live channel hears `conversation.typing_on` / `typing_off` with the
 * agent's name; webhooks and the inbox's callback get Chatwoot's typing events. Nothing is stored. (The agent app's own typing indicator between agents uses
 * Pusher client events, lib/realtime/README.md.)
 */
export async function toggleTyping(db: DbOrTx, actor: Actor, accountId: number, displayId: number, params: ToggleTypingInput): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(toggleTypingInput, params);
  if (access.userId === null) throw invalid("Typing needs an acting user");
  const conversation = await findVisibleConversation(db, access, displayId);
  const name = (await actorName(db, access)) ?? "Agent";
  await Promise.all([
    publishAgentTypingToContact(conversation, { id: access.userId, name }, input.typingStatus, input.isPrivate),
    // Webhooks and API inbox callbacks: conversation_typing_on / _off, with is_private.
    sendIntegrationEvent({
      accountId,
      event: input.typingStatus === "on" ? "conversation_typing_on" : "conversation_typing_off",
      conversationId: conversation.id,
      userId: access.userId,
      isPrivate: input.isPrivate,
      occurredAt: Date.now(),
    }),
  ]);
}

/**
 * The agent app's typing, relayed by the server for members whose custom role narrows what they
 * see (lib/realtime/typing.ts): such a member's own typing (they cannot send client events on the
 * inbox channel), and a teammate's typing in an account that has such members. Only for a
 * conversation the typer may see; nothing is stored and no webhook is sent (as for client events).
 */
export async function relayTyping(db: DbOrTx, actor: Actor, accountId: number, displayId: number, params: ToggleTypingInput): Promise<void> {
  const access = await requireAccountAccess(db, actor, accountId);
  const input = parseInput(toggleTypingInput, params);
  if (access.userId === null) throw invalid("Typing needs an acting user");
  const conversation = await findVisibleConversation(db, access, displayId);
  await relayAgentTyping(conversation, { userId: access.userId, narrowed: narrowsConversations(access) }, input.typingStatus, input.isPrivate);
}
