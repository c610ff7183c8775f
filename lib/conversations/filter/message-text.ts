import { sql, type SQL } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { likePattern } from "./operators";

/**
 * Chatwoot's `q` on the conversation list: a customer or agent message (not a note's activity
 * line) whose text contains the term, case-insensitively. Probed per conversation through
 * messages_conversation_idx while the list index is walked, so a common term costs one page and a
 * rare one a longer walk; ranked search across everything is `GET /conversations/search`.
 */
export function messageTextCondition(q: string): SQL {
  return sql`exists (
    select 1 from messages m
    where m.account_id = ${conversations.accountId} and m.conversation_id = ${conversations.id}
      and m.message_type in ('incoming', 'outgoing') and m.content ilike ${likePattern(q)}
  )`;
}
