import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { LIST_ORDER, selectConversationSummaries } from "@/db/queries/conversation-summaries";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, requireAccountAccess } from "@/lib/accounts/access";
import { conversationVisibilitySql } from "@/lib/accounts/conversation-visibility";
import type { ConversationSummary } from "@/lib/conversations/types";
import { notFound } from "@/lib/errors";
import { findContact } from "./contacts";

// A contact page lists their recent conversations; older ones are reached through search.
export const MAX_CONTACT_CONVERSATIONS = 100;

/** The contact's conversations that the actor can see, newest activity first. */
export async function listContactConversations(db: DbOrTx, actor: Actor, accountId: number, contactId: number): Promise<ConversationSummary[]> {
  const access = await requireAccountAccess(db, actor, accountId);
  const contact = await findContact(db, accountId, contactId);
  if (!contact) throw notFound("Contact");
  const visible = await accessibleInboxIds(db, access);
  if (visible !== "all" && visible.length === 0) return [];
  const filter = and(
    eq(conversations.contactId, contactId),
    visible === "all" ? undefined : inArray(conversations.inboxId, visible),
    conversationVisibilitySql(access),
  );
  return selectConversationSummaries(
    db,
    accountId,
    filter ?? eq(conversations.contactId, contactId),
    sql`${LIST_ORDER} limit ${MAX_CONTACT_CONVERSATIONS}`,
  );
}
