import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, contacts, inboxes, messages, type Conversation, type Message } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { findVisibleConversation } from "@/lib/conversations/find-conversation";
import { emailInboxColumns, emailInboxContextOf, isAccountAddress } from "@/lib/email/ingest/email-inbox";
import { mailDomain, replyAddress } from "@/lib/email/ids";
import { toAnsweredEmail } from "@/lib/email/send/answered-email";
import { composeReplyHeaders } from "./reply-headers";

export type RecipientLists = { to: string[]; cc: string[] };

/**
 * What the reply composer of an email conversation starts with: the contact (To), and what "Reply
 * all" would make it — the sender, To and Cc of the message being answered (the last inbound one),
 * minus every address of ours (inbox, forwarding and reply+ addresses of the account). Computed by
 * the same composeReplyHeaders the send job uses; the composer then sends exactly the lists the
 * agent sees as to_emails / cc_emails / bcc_emails. Null for conversations of other channels.
 */
export type ReplyRecipients = {
  contact: RecipientLists;
  replyAll: RecipientLists;
  /** The inbox's email signature (sanitized HTML), which the composer previews under a reply. */
  inboxSignature: string | null;
};

export async function getReplyRecipients(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<ReplyRecipients | null> {
  const access = await requireAccountAccess(db, actor, accountId);
  return replyRecipientsFor(db, accountId, await findVisibleConversation(db, access, displayId));
}

/**
 * getReplyRecipients of a conversation the caller was already shown to see (the open thread's):
 * its reads go out together, so the conversation page waits one round trip for them.
 */
export async function replyRecipientsFor(
  db: DbOrTx,
  accountId: number,
  conversation: Pick<Conversation, "id" | "uuid" | "inboxId" | "contactId">,
): Promise<ReplyRecipients | null> {
  // One statement: every email inbox of the account (whose addresses are never recipients), and
  // beside the conversation's own the contact and the message being answered. No row of its own:
  // another channel, null.
  const own = (value: SQL) => sql`case when ${inboxes.id} = ${conversation.inboxId} then (${value}) end`;
  const rows = await db
    .select({
      ...emailInboxColumns,
      inboxName: inboxes.name,
      inboxSignature: inboxes.emailSignature,
      contact: sql<{ name: string; email: string | null } | null>`${own(sql`
        select json_build_object('name', ct.name, 'email', ct.email) from ${contacts} ct
        where ct.account_id = ${accountId} and ct.id = ${conversation.contactId}`)}`,
      lastInbound: sql<{ sourceId: string | null; contentAttributes: Message["contentAttributes"] | null } | null>`${own(sql`
        select json_build_object('sourceId', m.source_id, 'contentAttributes', m.content_attributes) from ${messages} m
        where m.account_id = ${accountId} and m.conversation_id = ${conversation.id} and m.message_type = 'incoming'
        order by m.id desc limit 1`)}`,
    })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.channelType, "email")));
  const row = rows.find((r) => r.inboxId === conversation.inboxId);
  const inbox = emailInboxContextOf(accountId, conversation.inboxId, rows);
  if (!row?.contact || !inbox) return null;
  const contact = row.contact;
  const lastInbound = row.lastInbound;
  const compose = (replyAll: boolean): RecipientLists => {
    const headers = composeReplyHeaders({
      conversationUuid: conversation.uuid,
      messageId: 0,
      domain: mailDomain(),
      inbox: { name: row.inboxName, email: row.email },
      replyAddress: replyAddress(conversation.uuid),
      contact,
      answered: lastInbound ? toAnsweredEmail({ sourceId: lastInbound.sourceId, contentAttributes: lastInbound.contentAttributes ?? {} }) : null,
      replyAll,
    });
    const theirs = (list: string[]) => list.filter((a) => !isAccountAddress(inbox, a));
    return { to: theirs(headers.to), cc: theirs(headers.cc) };
  };
  return { contact: compose(false), replyAll: compose(true), inboxSignature: row.inboxSignature };
}
