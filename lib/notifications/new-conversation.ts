import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import type { Notification } from "@/db/schema";
import { announceNotification } from "./create-notification";
import { toNotification, type RawRow } from "./new-message";
import { DEFAULT_EMAIL, DEFAULT_PUSH } from "./settings";

export type NewConversationNotice = { id: number; displayId: number; inboxId: number; creatorUserId: number | null };

/**
 * `conversation_creation`, as Chatwoot: each member of the inbox hears of a new conversation
 * (never the agent who opened it), in the app and/or by the email digest as their settings say
 * (nobody by default: an inbox's members see new conversations in the list anyway). One INSERT …
 * SELECT for any number of conversations (the email import's batch), announced after commit.
 */
export async function notifyNewConversations(tx: Tx, afterCommit: AfterCommit, accountId: number, created: readonly NewConversationNotice[]): Promise<Notification[]> {
  if (created.length === 0) return [];
  const items = sql.join(
    created.map((c, ord) => sql`(${ord}::integer, ${c.id}::integer, ${c.displayId}::integer, ${c.inboxId}::integer, ${c.creatorUserId}::integer)`),
    sql`, `,
  );
  const rows = await tx.execute<RawRow>(sql`
    with items(ord, conversation_id, display_id, inbox_id, creator_id) as (values ${items}),
    chosen as (
      select i.ord, i.conversation_id, m.user_id, 'New conversation #' || i.display_id || ' in ' || ib.name as title,
        coalesce('push_conversation_creation' = any(s.push_flags), ${DEFAULT_PUSH.includes("push_conversation_creation")}) as in_app,
        coalesce('email_conversation_creation' = any(s.email_flags), ${DEFAULT_EMAIL.includes("email_conversation_creation")}) as email
      from items i
      join inboxes ib on ib.account_id = ${accountId} and ib.id = i.inbox_id
      join inbox_members m on m.account_id = ${accountId} and m.inbox_id = i.inbox_id
      left join notification_settings s on s.account_id = ${accountId} and s.user_id = m.user_id
      where m.user_id is distinct from i.creator_id
    )
    insert into notifications (account_id, user_id, notification_type, conversation_id, title, body, email_pending, read_at)
    select ${accountId}, c.user_id, 'conversation_creation', c.conversation_id, c.title, '', c.email, case when c.in_app then null else now() end
    from chosen c
    where c.in_app or c.email
    order by c.ord, c.user_id
    returning id, account_id, user_id, notification_type, conversation_id, inbox_id, title, body, read_at, email_pending, created_at`);
  const inserted = [...rows].map(toNotification).sort((a, b) => a.id - b.id);
  const displayIds = new Map(created.map((c) => [c.id, c.displayId]));
  for (const row of inserted) {
    if (row.readAt === null) announceNotification(afterCommit, row, { conversation: { id: row.conversationId ?? 0, displayId: displayIds.get(row.conversationId ?? 0) ?? 0 } });
  }
  return inserted;
}
