import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { updateContact } from "@/lib/contacts/write-contact";
import { findVisibleConversation, loadConversationSummary } from "@/lib/conversations/find-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { actorName, insertActivityMessage } from "@/lib/messages/activity";
import { emitConversationUpdated } from "@/lib/realtime/emit";

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
  const line = name ? `${name} has muted the conversation` : "Conversation was muted";
  if (conversation.status === "resolved") await noteAndPublish(db, accountId, conversation, line);
  else await toggleStatus(db, actor, accountId, displayId, { status: "resolved" }, { activityLine: line });
  return undefined;
}

/**
 * Chatwoot's `unmute`: the contact is unblocked (so their messages reopen and notify again); the
 * conversation keeps its status. Every conversation of that contact stops being muted with it.
 */
export async function unmuteConversation(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<undefined> {
  const access = await requireAccountAccess(db, actor, accountId);
  const conversation = await findVisibleConversation(db, access, displayId);
  await updateContact(db, actor, accountId, conversation.contactId, { blocked: false });
  const name = await actorName(db, access);
  await noteAndPublish(db, accountId, conversation, name ? `${name} has unmuted the conversation` : "Conversation was unmuted");
  return undefined;
}

/** The activity line, and the conversation's new `muted` to the agents watching it (the header reads it from the event). */
async function noteAndPublish(db: DbOrTx, accountId: number, conversation: { accountId: number; inboxId: number; id: number }, line: string) {
  await inTransaction(db, async (tx, afterCommit) => {
    await insertActivityMessage(tx, conversation, line);
    // A newer updated_at is the event's version: without it open headers would keep the old `muted`.
    await tx.update(conversations).set({ updatedAt: new Date() }).where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id)));
    emitConversationUpdated(afterCommit, await loadConversationSummary(tx, accountId, conversation.id));
  });
}
