import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { channelEmail, contacts, inboxes, messages } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import type { Actor } from "@/lib/auth/actor";
import { findVisibleConversation } from "@/lib/conversations/find-conversation";
import { isAccountAddress, loadEmailInboxContext } from "@/lib/email/ingest/email-inbox";
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
  const conversation = await findVisibleConversation(db, access, displayId);
  const [row] = await db
    .select({ inboxName: inboxes.name, inboxSignature: inboxes.emailSignature, email: channelEmail.email, contactName: contacts.name, contactEmail: contacts.email })
    .from(inboxes)
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .innerJoin(contacts, and(eq(contacts.accountId, inboxes.accountId), eq(contacts.id, conversation.contactId)))
    .where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, conversation.inboxId), eq(inboxes.channelType, "email")))
    .limit(1);
  if (!row) return null;
  const [lastInbound] = await db
    .select({ sourceId: messages.sourceId, contentAttributes: messages.contentAttributes })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.conversationId, conversation.id), eq(messages.messageType, "incoming")))
    .orderBy(desc(messages.id))
    .limit(1);
  const inbox = await loadEmailInboxContext(db, accountId, conversation.inboxId);
  const compose = (replyAll: boolean): RecipientLists => {
    const headers = composeReplyHeaders({
      conversationUuid: conversation.uuid,
      messageId: 0,
      domain: mailDomain(),
      inbox: { name: row.inboxName, email: row.email },
      replyAddress: replyAddress(conversation.uuid),
      contact: { name: row.contactName, email: row.contactEmail },
      answered: lastInbound ? toAnsweredEmail(lastInbound) : null,
      replyAll,
    });
    const theirs = (list: string[]) => list.filter((a) => !isAccountAddress(inbox, a));
    return { to: theirs(headers.to), cc: theirs(headers.cc) };
  };
  return { contact: compose(false), replyAll: compose(true), inboxSignature: row.inboxSignature };
}
