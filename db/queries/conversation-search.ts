import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * Conversation search, in SQL (migrations 0027/0028: messages.search_vector with a GIN index, a
 * GIN expression index on the email subject, the contacts' trigram indexes, and
 * conversations_activity_idx for every status newest first).
 *
 * A query is turned into prefix terms by PostgreSQL's own parser (`to_tsvector('simple', q)`), so
 * an address, a number or a word split the same way on both sides, and "prin" finds "printer".
 * A conversation matches when one of its messages (notes included, activity lines not) or its
 * subject holds every term, when its contact's name or address contains the query or is close to
 * it (trigram similarity: typos), or when the query is its number ("#42" or "42").
 *
 * Message text is found two ways, so that a word in half a million messages costs no more than a
 * rare one. First a walk over the newest conversations in scope (conversations_activity_idx, then
 * one probe of each one's messages by messages_conversation_idx): when it finds the page's worth,
 * those ARE the newest matches, and the GIN index is not read at all (building its bitmap for a
 * common word alone takes hundreds of milliseconds). Otherwise the word is rare enough for the GIN
 * index, read up to a cap. Either way the answer says when it stopped early (`capped`): the counts
 * are then "at least".
 */
export const SEARCH_WALK_PER_PAGE = 300;
export const SEARCH_MESSAGE_CAP = 5000;
export const SEARCH_SUBJECT_CAP = 1000;
export const SEARCH_CONTACT_CAP = 100;
export const SEARCH_CONTACT_CONVERSATION_CAP = 1000;

/**
 * The tsquery of a search string, or null when it holds no searchable word: every word, the last
 * one typed also as a prefix. A prefix is read from the GIN index in full before anything else
 * (every message with a word starting "or…"), so only the word still being typed gets one; whole
 * words let the index skip from one rare word's matches to the next.
 */
export const searchTsquery = (q: string): SQL =>
  sql`(select string_agg(quote_literal(t.lexeme) || case when t.last = t.final then ':*' else '' end, ' & ')::tsquery
       from (select lexeme, positions[array_length(positions, 1)] as last,
                    max(positions[array_length(positions, 1)]) over () as final
             from unnest(to_tsvector('simple', ${q}))) t)`;

/** The exact expression of conversations_subject_search_idx. */
export const SUBJECT_VECTOR = sql.raw(`to_tsvector('simple'::regconfig, coalesce(additional_attributes->>'mail_subject', ''))`);

export type SearchScope = {
  accountId: number;
  /** Inboxes the caller sees, or "all". */
  inboxIds: readonly number[] | "all";
  status: "open" | "pending" | "resolved" | "snoozed" | null;
  /** A narrower visibility within the inboxes (a custom role), written for the alias `c`. */
  narrowed?: SQL;
};

export type SearchCandidate = { id: number; assigneeId: number | null };
export type SearchCandidates = { candidates: SearchCandidate[]; capped: boolean };

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function scopeSql(scope: SearchScope, alias: string): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [sql`${a}.account_id = ${scope.accountId}`];
  if (scope.inboxIds !== "all") parts.push(sql`${a}.inbox_id = any(${`{${scope.inboxIds.join(",")}}`}::int[])`);
  if (scope.status) parts.push(sql`${a}.status = ${scope.status}`);
  if (scope.narrowed) parts.push(scope.narrowed);
  return sql.join(parts, sql` and `);
}

/**
 * The matching conversations in scope, newest activity first, with their assignee (for the tab
 * counts): at most a few thousand ids, read once per search. `need` is how many the page being
 * shown needs (page × 25).
 */
export function conversationSearchQuery(scope: SearchScope, q: string, displayId: number | null, need = 25): SQL {
  const inScope = scopeSql(scope, "c");
  const messageScope =
    scope.inboxIds === "all" ? sql`` : sql`and m.inbox_id = any(${`{${scope.inboxIds.join(",")}}`}::int[])`;
  const trimmed = q.trim();
  const walk = Math.ceil(need / 25) * SEARCH_WALK_PER_PAGE;
  return sql`
    with tsq as materialized (select ${searchTsquery(trimmed)} as q),
    newest as materialized (
      select id from conversations c where ${inScope}
      order by last_activity_at desc nulls last, id desc nulls last limit ${walk}
    ),
    walk as materialized (
      select c.id from newest c
      -- LIMIT 1 in a lateral keeps this a probe per conversation; as an EXISTS the planner may
      -- turn it into a join with every message holding a common word.
      cross join lateral (select 1 from messages m, tsq
                          where m.account_id = ${scope.accountId} and m.conversation_id = c.id and m.search_vector @@ tsq.q
                          limit 1) hit
    ),
    gin as materialized (
      -- Skipped (a one-time filter) when the walk found enough.
      select m.conversation_id as id from messages m, tsq
      where (select count(*) from walk) < ${need}
        and m.account_id = ${scope.accountId} ${messageScope} and m.search_vector @@ tsq.q
      limit ${SEARCH_MESSAGE_CAP}
    ),
    exact_contacts as materialized (
      select ct.id from contacts ct
      where ct.account_id = ${scope.accountId} and (ct.name ilike ${likePattern(trimmed)} or ct.email ilike ${likePattern(trimmed)})
      limit ${SEARCH_CONTACT_CAP}
    ),
    similar_contacts as materialized (
      -- A misspelt name or address (trigram similarity), looked for only when nothing contains
      -- the query as typed: similarity is computed per candidate row.
      select ct.id from contacts ct
      where not exists (select 1 from exact_contacts)
        and ct.account_id = ${scope.accountId} and (ct.name % ${trimmed} or ct.email % ${trimmed})
      limit ${SEARCH_CONTACT_CAP}
    ),
    hits as (
      (select id from walk)
      union
      (select id from gin)
      union
      (select c.id from conversations c, tsq
       where ${inScope} and ${SUBJECT_VECTOR} @@ tsq.q limit ${SEARCH_SUBJECT_CAP})
      union
      (select c.id from conversations c
       where ${inScope} and c.contact_id in (select id from exact_contacts union select id from similar_contacts)
       limit ${SEARCH_CONTACT_CONVERSATION_CAP})
      union
      (select c.id from conversations c where ${inScope} and c.display_id = ${displayId ?? -1})
    )
    -- "= any(array(...))" reads the hits by primary key; "in (select ...)" lets the planner hash
    -- them against a scan of every conversation of the account.
    select c.id, c.assignee_id,
           ((select count(*) from walk) >= ${need} and (select count(*) from newest) >= ${walk})
             or (select count(*) from gin) >= ${SEARCH_MESSAGE_CAP} as capped
    from conversations c
    where c.id = any(array(select id from hits)) and ${inScope}
    order by c.last_activity_at desc nulls last, c.id desc nulls last
  `;
}

export async function selectConversationSearch(db: DbOrTx, scope: SearchScope, q: string, displayId: number | null, need = 25): Promise<SearchCandidates> {
  const rows = await db.execute<{ id: number; assignee_id: number | null; capped: boolean }>(conversationSearchQuery(scope, q, displayId, need));
  return {
    candidates: rows.map((r) => ({ id: Number(r.id), assigneeId: r.assignee_id === null ? null : Number(r.assignee_id) })),
    capped: rows.some((r) => r.capped === true),
  };
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
  // One probe per conversation, newest message first (messages_conversation_idx): matched against
  // the GIN index instead, a common word would read every message that holds it.
  const rows = await db.execute<Record<string, unknown>>(sql`
    select cid.id as conversation_id, m.id, m.content, m.message_type, m.private, m.created_at, m.sender_type, m.sender_id
    from unnest(${`{${conversationIds.join(",")}}`}::int[]) cid(id),
         (select ${searchTsquery(q.trim())} as q) tsq,
         lateral (select m.id, m.content, m.message_type, m.private, m.created_at, m.sender_type, m.sender_id
                  from messages m
                  where m.account_id = ${accountId} and m.conversation_id = cid.id and m.search_vector @@ tsq.q
                  order by m.id desc limit 1) m`);
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
