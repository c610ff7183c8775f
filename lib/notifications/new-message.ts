import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import type { Notification, NotificationType } from "@/db/schema";
import { announceNotification, previewLine } from "./create-notification";
import { DEFAULT_EMAIL, DEFAULT_PUSH } from "./settings";

/** A new message that its conversation's assignee and followers may hear of. */
export type NewMessageNotice = {
  conversation: { id: number; displayId: number; inboxId: number; assigneeId: number | null };
  /** The agent who wrote it (never told of their own message); null for a contact's message. */
  senderUserId: number | null;
  /** Already told of this very message another way (a mention). */
  exclude?: readonly number[];
  content: string;
};

const title = (displayId: number) => `New message in conversation #${displayId}`;
// A note's @mentions read as "@Name" in the preview, not as their markup.
const readable = (content: string) => content.slice(0, 4000).replace(/\[@([^\]]*)\]\(mention:\/\/user\/\d+\/[^)]*\)/g, "@$1");

/**
 * Tells of new messages, as Chatwoot does: the assignee gets `assigned_conversation_new_message`,
 * each other follower who can still see the conversation (member of its inbox or administrator)
 * `participating_conversation_new_message` — never the writer, never twice for one message. Each
 * recipient's notification settings choose the bell (live), the email digest, both, or nothing.
 *
 * ONE statement for any number of messages (the email import's batch): the recipients, their
 * settings and the INSERT are one INSERT … SELECT, so the hot paths keep their round trips.
 * Returns the rows in the order of `notices`; announces the in-app ones after commit.
 */
export async function notifyNewMessages(tx: Tx, afterCommit: AfterCommit, accountId: number, notices: readonly NewMessageNotice[]): Promise<Notification[]> {
  if (notices.length === 0) return [];
  const items = sql.join(
    notices.map(
      (n, ord) =>
        sql`(${ord}::integer, ${n.conversation.id}::integer, ${n.conversation.inboxId}::integer, ${n.conversation.assigneeId}::integer, ${n.senderUserId}::integer, string_to_array(${(n.exclude ?? []).join(",")}, ',')::integer[], ${title(n.conversation.displayId)}::text, ${previewLine(readable(n.content))}::text)`,
    ),
    sql`, `,
  );
  const rows = await tx.execute<RawRow>(sql`
    with items(ord, conversation_id, inbox_id, assignee_id, sender_id, excluded, title, body) as (values ${items}),
    recipients as (
      select i.ord, i.conversation_id, i.assignee_id as user_id, 'assigned_conversation_new_message' as kind, i.title, i.body
      from items i
      where i.assignee_id is not null and i.assignee_id is distinct from i.sender_id and not (i.assignee_id = any(i.excluded))
      union all
      select i.ord, i.conversation_id, f.user_id, 'participating_conversation_new_message', i.title, i.body
      from items i
      join conversation_followers f on f.account_id = ${accountId} and f.conversation_id = i.conversation_id
      join account_users au on au.account_id = ${accountId} and au.user_id = f.user_id
      where f.user_id is distinct from i.assignee_id and f.user_id is distinct from i.sender_id and not (f.user_id = any(i.excluded))
        and (au.role = 'administrator' or exists (
          select 1 from inbox_members m where m.account_id = ${accountId} and m.inbox_id = i.inbox_id and m.user_id = f.user_id))
    ),
    chosen as (
      select r.*,
        coalesce(('push_' || r.kind) = any(s.push_flags), ('push_' || r.kind) = any(string_to_array(${DEFAULT_PUSH.join(",")}, ','))) as in_app,
        coalesce(('email_' || r.kind) = any(s.email_flags), ('email_' || r.kind) = any(string_to_array(${DEFAULT_EMAIL.join(",")}, ','))) as email
      from recipients r
      left join notification_settings s on s.account_id = ${accountId} and s.user_id = r.user_id
    )
    insert into notifications (account_id, user_id, notification_type, conversation_id, title, body, email_pending, read_at)
    select ${accountId}, c.user_id, c.kind::notification_type, c.conversation_id, c.title, c.body, c.email, case when c.in_app then null else now() end
    from chosen c
    where c.in_app or c.email
    order by c.ord, c.kind, c.user_id
    returning id, account_id, user_id, notification_type, conversation_id, inbox_id, title, body, read_at, email_pending, created_at`);
  const inserted = [...rows].map(toNotification).sort((a, b) => a.id - b.id);
  const displayIds = new Map(notices.map((n) => [n.conversation.id, n.conversation.displayId]));
  for (const row of inserted) {
    if (row.readAt === null) announceNotification(afterCommit, row, { conversation: { id: row.conversationId ?? 0, displayId: displayIds.get(row.conversationId ?? 0) ?? 0 } });
  }
  return inserted;
}

export type RawRow = {
  id: number;
  account_id: number;
  user_id: number;
  notification_type: NotificationType;
  conversation_id: number | null;
  inbox_id: number | null;
  title: string;
  body: string;
  read_at: Date | string | null;
  email_pending: boolean;
  created_at: Date | string;
};

export const toNotification = (r: RawRow): Notification => ({
  id: r.id,
  accountId: r.account_id,
  userId: r.user_id,
  notificationType: r.notification_type,
  conversationId: r.conversation_id,
  inboxId: r.inbox_id,
  title: r.title,
  body: r.body,
  readAt: r.read_at === null ? null : new Date(r.read_at),
  emailPending: r.email_pending,
  createdAt: new Date(r.created_at),
});
