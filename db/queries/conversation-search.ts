import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * Conversation search, in SQL (migration 0027_conversation_search: messages.search_vector with a
 * GIN index, a GIN expression index on the email subject, and the contacts' trigram indexes).
 *
 * A query is turned into prefix terms by PostgreSQL's own parser (`to_tsvector('simple', q)`), so
 * an address, a number or a word split the same way on both sides, and "prin" finds "printer".
 * A conversation matches when one of its messages (notes included, activity lines not) or its
 * subject holds every term, when its contact's name or address contains the query or is close to
 * it (trigram similarity: typos), or when the query is its number ("#42" or "42").
 *
 * Every branch is bounded, so a word found in most of a million messages costs no more than a
 * rare one: the GIN branches stop at a cap, and a walk over the newest conversations in scope
 * (the list index, then each one's messages by messages_conversation_idx) finds the newest
 * matches of a common word, which a capped GIN read would return in table order instead.
 */
export const SEARCH_WALK = 400;
export const SEARCH_MESSAGE_CAP = 2000;
export const SEARCH_SUBJECT_CAP = 1000;
export const SEARCH_CONTACT_CAP = 100;
export const SEARCH_CONTACT_CONVERSATION_CAP = 1000;

/** The prefix tsquery of a search string, or null when it holds no searchable word. */
export const searchTsquery = (q: string): SQL =>
  sql`(select string_agg(quote_literal(w) || ':*', ' & ')::tsquery from unnest(tsvector_to_array(to_tsvector('simple', ${q}))) w)`;

/** The exact expression of conversations_subject_search_idx. */
export const SUBJECT_VECTOR = sql.raw(`to_tsvector('simple'::regconfig, coalesce(additional_attributes->>'mail_subject', ''))`);

export type SearchScope = {
  accountId: number;
  /** Inboxes the caller sees, or "all". */
  inboxIds: readonly number[] | "all";
  status: "open" | "pending" | "resolved" | "snoozed" | null;
};

export type SearchCandidate = { id: number; assigneeId: number | null };

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function scopeSql(scope: SearchScope, alias: string): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [sql`${a}.account_id = ${scope.accountId}`];
  if (scope.inboxIds !== "all") parts.push(sql`${a}.inbox_id = any(${`{${scope.inboxIds.join(",")}}`}::int[])`);
  if (scope.status) parts.push(sql`${a}.status = ${scope.status}`);
  return sql.join(parts, sql` and `);
}

/**
 * The matching conversations in scope, newest activity first, with their assignee (for the tab
 * counts): at most a few thousand ids, read once per search.
 */
export function conversationSearchQuery(scope: SearchScope, q: string, displayId: number | null): SQL {
  const inScope = scopeSql(scope, "c");
  const messageScope =
    scope.inboxIds === "all" ? sql`` : sql`and m.inbox_id = any(${`{${scope.inboxIds.join(",")}}`}::int[])`;
  const trimmed = q.trim();
  return sql`
    with tsq as materialized (select ${searchTsquery(trimmed)} as q),
    hits as (
      (select c.id from (
         select id from conversations c where ${inScope}
         order by last_activity_at desc nulls last, id desc nulls last limit ${SEARCH_WALK}
       ) c
       where exists (select 1 from messages m, tsq
                     where m.account_id = ${scope.accountId} and m.conversation_id = c.id and m.search_vector @@ tsq.q))
      union
      (select m.conversation_id from messages m, tsq
       where m.account_id = ${scope.accountId} ${messageScope} and m.search_vector @@ tsq.q
       limit ${SEARCH_MESSAGE_CAP})
      union
      (select c.id from conversations c, tsq
       where ${inScope} and ${SUBJECT_VECTOR} @@ tsq.q limit ${SEARCH_SUBJECT_CAP})
      union
      (select c.id from conversations c
       where ${inScope} and c.contact_id in (
         select ct.id from contacts ct
         where ct.account_id = ${scope.accountId}
           and (ct.name ilike ${likePattern(trimmed)} or ct.email ilike ${likePattern(trimmed)}
                or ct.name % ${trimmed} or ct.email % ${trimmed})
         limit ${SEARCH_CONTACT_CAP})
       limit ${SEARCH_CONTACT_CONVERSATION_CAP})
      union
      (select c.id from conversations c where ${inScope} and c.display_id = ${displayId ?? -1})
    )
    select c.id, c.assignee_id from conversations c
    where ${inScope} and c.id in (select id from hits)
    order by c.last_activity_at desc nulls last, c.id desc nulls last
  `;
}

export async function selectConversationSearch(db: DbOrTx, scope: SearchScope, q: string, displayId: number | null): Promise<SearchCandidate[]> {
  const rows = await db.execute<{ id: number; assignee_id: number | null }>(conversationSearchQuery(scope, q, displayId));
  return rows.map((r) => ({ id: Number(r.id), assigneeId: r.assignee_id === null ? null : Number(r.assignee_id) }));
}

export type MatchedMessage = {
  conversationId: number;
  id: number;
  content: string | null;
  messageType: "incoming" | "outgoing";
  private: boolean;
  createdAt: Date;
  senderType: "contact" | "user" | "agent_bot" | null;
  senderId: number | null;
};

/** The newest matching message of each of these conversations (one page's worth). */
export async function selectMatchedMessages(db: DbOrTx, accountId: number, conversationIds: number[], q: string): Promise<MatchedMessage[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db.execute<Record<string, unknown>>(sql`
    select distinct on (m.conversation_id) m.conversation_id, m.id, m.content, m.message_type, m.private, m.created_at,
           m.sender_type, m.sender_id
    from messages m, (select ${searchTsquery(q.trim())} as q) tsq
    where m.account_id = ${accountId} and m.conversation_id = any(${`{${conversationIds.join(",")}}`}::int[])
      and m.search_vector @@ tsq.q
    order by m.conversation_id, m.id desc`);
  return rows.map((r) => ({
    conversationId: Number(r.conversation_id),
    id: Number(r.id),
    content: r.content === null ? null : String(r.content),
    messageType: r.message_type as MatchedMessage["messageType"],
    private: r.private === true,
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at)),
    senderType: (r.sender_type ?? null) as MatchedMessage["senderType"],
    senderId: r.sender_id === null ? null : Number(r.sender_id),
  }));
}
