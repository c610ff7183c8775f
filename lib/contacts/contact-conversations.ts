import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversations } from "@/db/schema";
import { LIST_ORDER, selectConversationSummaries } from "@/db/queries/conversation-summaries";
import type { Actor } from "@/lib/auth/actor";
import { accessibleInboxIds, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
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

/**
 * The open conversation's summary and its contact's newest `limit` other conversations that the
 * caller can see, in one statement: the conversation page asks it beside the thread, with no read
 * of the contact first. `open` must already be shown visible to the caller (findVisibleConversation);
 * it comes first whether or not it is among the newest.
 */
export async function openConversationWithContactOthers(
  db: DbOrTx,
  access: AccountAccess,
  open: { id: number; contactId: number },
  limit: number,
): Promise<{ summary: ConversationSummary | undefined; others: ConversationSummary[] }> {
  const visible = await accessibleInboxIds(db, access);
  const others =
    visible !== "all" && visible.length === 0
      ? sql`false`
      : (and(eq(conversations.contactId, open.contactId), visible === "all" ? undefined : inArray(conversations.inboxId, visible), conversationVisibilitySql(access)) ??
        sql`true`);
  const isOpen = (alias: string) => sql`${sql.raw(alias)}id = ${open.id}`;
  const rows = await selectConversationSummaries(
    db,
    access.accountId,
    or(eq(conversations.id, open.id), others) ?? sql`true`,
    sql`order by ${isOpen("")} desc, last_activity_at desc nulls last, id desc nulls last limit ${limit + 1}`,
    sql`order by ${isOpen("c.")} desc, c.last_activity_at desc nulls last, c.id desc nulls last`,
  );
  const summary = rows[0]?.id === open.id ? rows[0] : undefined;
  return { summary, others: rows.filter((r) => r.id !== open.id) };
}
