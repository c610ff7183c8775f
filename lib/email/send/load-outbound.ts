import { and, asc, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attachments, channelEmail, contacts, conversations, inboxes, messages, users, type ChannelEmail, type EmailDelivery } from "@/db/schema";
import { composeReplyHeaders, type ComposedHeaders } from "@/lib/email/compose/reply-headers";
import { mailDomain, replyAddress } from "@/lib/email/ids";
import { addressList, toAnsweredEmail } from "./answered-email";
import type { MimeAttachment } from "./build-mime";
import { mailBody, type MailBody } from "@/lib/email/compose/signature";
import { csatSurveyMailBody } from "@/lib/csat/mail-body";

export type OutboundEmail = {
  channel: ChannelEmail;
  headers: ComposedHeaders;
  body: MailBody;
  attachments: MimeAttachment[];
  date: Date;
};

/** Why a delivery cannot be sent at all (retrying will not help). */
export class UnsendableError extends Error {}

/** Everything the send job needs for one delivery: the inbox config and the composed mail. */
export async function loadOutboundEmail(db: DbOrTx, delivery: EmailDelivery): Promise<OutboundEmail> {
  const { accountId } = delivery;
  const [row] = await db
    .select({
      message: messages,
      conversation: conversations,
      contact: contacts,
      inbox: inboxes,
      channel: channelEmail,
      senderName: sql<string | null>`coalesce(nullif(${users.displayName}, ''), ${users.name})`,
      agentSignature: sql<string | null>`case when ${users.signatureOnReplies} then ${users.messageSignature} end`,
    })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId)))
    .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
    .innerJoin(inboxes, and(eq(inboxes.accountId, conversations.accountId), eq(inboxes.id, conversations.inboxId)))
    .innerJoin(channelEmail, and(eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .leftJoin(users, and(eq(messages.senderType, "user"), eq(users.id, messages.senderId)))
    .where(and(eq(messages.accountId, accountId), eq(messages.id, delivery.messageId), eq(inboxes.channelType, "email")))
    .limit(1);
  if (!row) throw new UnsendableError("The message or its email inbox no longer exists");
  if (row.message.private) throw new UnsendableError("Private notes are never sent");

  const [lastInbound] = await db
    .select({ sourceId: messages.sourceId, contentAttributes: messages.contentAttributes })
    .from(messages)
    .where(
      and(
        eq(messages.accountId, accountId),
        eq(messages.conversationId, row.conversation.id),
        eq(messages.messageType, "incoming"),
        lt(messages.id, row.message.id),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(1);

  const files = await db
    .select({ fileName: attachments.fileName, contentType: attachments.contentType, data: attachments.data })
    .from(attachments)
    .where(and(eq(attachments.accountId, accountId), eq(attachments.messageId, row.message.id), isNotNull(attachments.data)))
    .orderBy(asc(attachments.id));

  const mailSubject = row.conversation.additionalAttributes.mail_subject;
  const headers = composeReplyHeaders({
    conversationUuid: row.conversation.uuid,
    messageId: row.message.id,
    domain: mailDomain(),
    inbox: { name: row.inbox.name, email: row.channel.email },
    senderName: row.senderName,
    replyAddress: replyAddress(row.conversation.uuid),
    contact: { name: row.contact.name, email: row.contact.email },
    answered: lastInbound ? toAnsweredEmail(lastInbound) : null,
    subjectFallback: typeof mailSubject === "string" ? mailSubject : null,
    replyAll: row.message.contentAttributes.reply_all === true,
    explicit: {
      to: addressList(row.message.contentAttributes.to_emails),
      cc: addressList(row.message.contentAttributes.cc_emails),
      bcc: addressList(row.message.contentAttributes.bcc_emails),
    },
    isAutomatic: row.message.contentAttributes.auto_reply === true,
  });
  // Our Message-ID was chosen when the message was created; the mail must carry that one.
  headers.messageId = delivery.internetMessageId;
  if (headers.to.length === 0) throw new UnsendableError("The contact has no email address to reply to");

  // A satisfaction survey carries its rating links (lib/csat), which the thread never shows.
  const survey = row.message.contentType === "input_csat" ? await csatSurveyMailBody(db, accountId, row.message.id, row.message.content) : null;
  return {
    channel: row.channel,
    headers,
    // The agent's signature (when they chose "add to replies"), then the inbox's.
    body: survey ?? mailBody(row.message, [row.agentSignature, row.inbox.emailSignature]),
    attachments: files.flatMap((f) => (f.data ? [{ filename: f.fileName, contentType: f.contentType, content: f.data }] : [])),
    date: row.message.createdAt,
  };
}
