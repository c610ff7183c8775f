import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess } from "@/lib/accounts/access";
import { findVisibleConversation, loadConversationSummary } from "./find-conversation";
import type { ConversationSummary } from "./types";

/** One conversation by its display id (the number in URLs), if the actor may see it. */
export async function getConversation(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const conversation = await findVisibleConversation(db, access, displayId);
  return loadConversationSummary(db, accountId, conversation.id);
}
