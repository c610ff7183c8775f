import { and, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { autoReplySends, contacts, conversations, inboxes, messages } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { isWithinBusinessHours } from "@/lib/business-hours/schedule";
import { readInboxBusinessHours } from "@/lib/business-hours/settings";
import { queueEmailDelivery } from "@/lib/email/send/queue-email-delivery";
import { mailSendRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { emitMessageCreated } from "@/lib/realtime/emit";
import { AUTO_REPLY_PERIOD_HOURS, refuseAutoReply } from "./rules";

export type AutoReplyKind = "acknowledgement" | "out_of_office";
export type AutoReplyOutcome = { sent: AutoReplyKind; messageId: number } | { skipped: string };

/**
 * Answers one imported message automatically, if the inbox asks for it: the out-of-office reply
 * when it arrives outside the inbox's business hours, else the acknowledgement (Chatwoot's
 * greeting) when it opened a conversation. Never to automatic senders, lists or robots
 * (rules.ts), at most once per contact and kind per AUTO_REPLY_PERIOD_HOURS (claimed in
 * auto_reply_sends in the same transaction as the message, so concurrent runs send one).
 *
 * The reply is an outgoing message marked `auto_reply` (the mail carries Auto-Submitted and
 * X-Auto-Response-Suppress, lib/email/compose/reply-headers.ts), threaded to the message it answers
 * like any reply, from no agent. It is not a response: the waiting clock and the first-reply time
 * stay as they were, so SLAs still wait for a person.
 */
export async function sendAutoReply(db: DbOrTx, accountId: number, messageId: number, now: Date = new Date()): Promise<AutoReplyOutcome> {
  const [row] = await db
    .select({
      message: { id: messages.id, messageType: messages.messageType, contentAttributes: messages.contentAttributes },
      conversation: { id: conversations.id, uuid: conversations.uuid, inboxId: conversations.inboxId, contactId: conversations.contactId, status: conversations.status },
      contactEmail: contacts.email,
      greetingEnabled: inboxes.greetingEnabled,
      greetingMessage: inboxes.greetingMessage,
    })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId)))
    .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
    .innerJoin(inboxes, and(eq(inboxes.accountId, conversations.accountId), eq(inboxes.id, conversations.inboxId)))
    .where(and(eq(messages.accountId, accountId), eq(messages.id, messageId)));
  if (!row || row.message.messageType !== "incoming") return { skipped: "not an incoming message" };
  const email = (row.message.contentAttributes.email ?? {}) as { kind?: unknown; from?: unknown };
  const from = Array.isArray(email.from) && typeof email.from[0] === "string" ? email.from[0] : (row.contactEmail ?? null);
  const refusal = refuseAutoReply({ kind: email.kind, from });
  if (refusal) return { skipped: refusal };

  const hours = await readInboxBusinessHours(db, accountId, row.conversation.inboxId);
  let kind: AutoReplyKind | null = null;
  let content = "";
  if (hours.effective && hours.outOfOfficeMessage && !isWithinBusinessHours(hours.effective, now)) {
    kind = "out_of_office";
    content = hours.outOfOfficeMessage;
  } else if (row.greetingEnabled && row.greetingMessage?.trim() && (await opensConversation(db, accountId, row.conversation.id, messageId))) {
    kind = "acknowledgement";
    content = row.greetingMessage;
  }
  if (!kind) return { skipped: "no automatic reply applies" };
  const replyKind = kind;

  return inTransaction(db, async (tx, afterCommit): Promise<AutoReplyOutcome> => {
    const claimed = await tx
      .insert(autoReplySends)
      .values({ accountId, inboxId: row.conversation.inboxId, contactId: row.conversation.contactId, kind: replyKind, lastSentAt: now })
      .onConflictDoUpdate({
        target: [autoReplySends.inboxId, autoReplySends.contactId, autoReplySends.kind],
        set: { lastSentAt: now },
        setWhere: lt(autoReplySends.lastSentAt, sql`${now.toISOString()}::timestamptz - make_interval(hours => ${AUTO_REPLY_PERIOD_HOURS})`),
      })
      .returning({ kind: autoReplySends.kind });
    if (claimed.length === 0) return { skipped: `already sent to this contact within ${AUTO_REPLY_PERIOD_HOURS} hours` };
    const [reply] = await tx
      .insert(messages)
      .values({
        accountId,
        inboxId: row.conversation.inboxId,
        conversationId: row.conversation.id,
        messageType: "outgoing",
        content,
        contentAttributes: { auto_reply: true, auto_reply_kind: replyKind },
        status: "sent",
      })
      .returning({ id: messages.id });
    const queued = await queueEmailDelivery(tx, { accountId, inboxId: row.conversation.inboxId, conversationUuid: row.conversation.uuid, messageId: reply.id });
    if (queued) afterCommit(() => sendEvent(mailSendRequested.create({ accountId, messageId: reply.id })));
    emitMessageCreated(afterCommit, { accountId, conversationId: row.conversation.id, messageId: reply.id }, row.conversation.status);
    return { sent: replyKind, messageId: reply.id };
  });
}

/** Is this the conversation's first incoming message (it opened the conversation)? */
async function opensConversation(db: DbOrTx, accountId: number, conversationId: number, messageId: number): Promise<boolean> {
  const [earlier] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.conversationId, conversationId), eq(messages.messageType, "incoming"), lt(messages.id, messageId)))
    .limit(1);
  return !earlier;
}
