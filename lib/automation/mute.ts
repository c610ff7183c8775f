import type { DbOrTx } from "@/db/client";
import { requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { updateContact } from "@/lib/contacts/write-contact";
import { findVisibleConversation } from "@/lib/conversations/find-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { actorName } from "@/lib/messages/activity";

/**
 * Chatwoot's `mute_conversation`: the conversation is resolved and its contact blocked, which is
 * what "muted" means there. A blocked contact's later messages are kept but reopen nothing, start
 * no waiting clock and notify nobody (the Client API and email ingest honour it), so muting stays
 * until someone unblocks the contact. The contact is blocked first, so a message arriving between
 * the two steps cannot reopen the conversation.
 */
export async function muteConversation(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<undefined> {
  const access = await requireAccountAccess(db, actor, accountId);
  const conversation = await findVisibleConversation(db, access, displayId);
  await updateContact(db, actor, accountId, conversation.contactId, { blocked: true });
  const name = await actorName(db, access);
  await toggleStatus(db, actor, accountId, displayId, { status: "resolved" }, { activityLine: name ? `${name} has muted the conversation` : "Conversation was muted" });
  return undefined;
}
