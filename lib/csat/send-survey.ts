import { and, desc, eq, like, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, conversations, csatSurveyResponses, emailDeliveries, inboxes, messages } from "@/db/schema";
import { inTransaction } from "@/db/transaction";
import { refuseAutoReply } from "@/lib/auto-replies/rules";
import { queueEmailDelivery } from "@/lib/email/send/queue-email-delivery";
import { mailSendRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { emitMessageCreated } from "@/lib/realtime/emit";
import { SURVEY_MESSAGE } from "./rules";

export type CsatSurveyOutcome = { sent: true; surveyId: number; messageId: number } | { skipped: string };

/**
 * Sends a resolved conversation its satisfaction survey, when its email inbox asks for surveys
 * (`csat_survey_enabled`). One survey per conversation, ever: the row is claimed under the
 * conversation's row lock, so a re-resolve or a second run of the job finds it and sends nothing.
 * Like the automatic replies (lib/auto-replies/rules.ts) it never goes to automatic senders, lists
 * or robot addresses, nor to an address our mail has bounced from.
 *
 * The survey is a message in the thread (Chatwoot's `input_csat` template, from no agent) sent as
 * an automatic mail threaded like a reply; its links are added when the mail is built
 * (lib/csat/mail-body.ts), so the thread never shows them. It is not a response to the customer:
 * reports and SLAs ignore it (message_type `template`).
 */
export async function sendCsatSurvey(db: DbOrTx, accountId: number, conversationId: number, now: Date = new Date()): Promise<CsatSurveyOutcome> {
  const [row] = await db
    .select({
      conversation: {
        id: conversations.id,
        uuid: conversations.uuid,
        inboxId: conversations.inboxId,
        contactId: conversations.contactId,
        status: conversations.status,
        assigneeId: conversations.assigneeId,
        teamId: conversations.teamId,
      },
      contactEmail: contacts.email,
      channelType: inboxes.channelType,
      enabled: inboxes.csatSurveyEnabled,
      config: inboxes.csatConfig,
    })
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
    .innerJoin(inboxes, and(eq(inboxes.accountId, conversations.accountId), eq(inboxes.id, conversations.inboxId)))
    .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversationId)));
  if (!row) return { skipped: "no such conversation" };
  if (row.channelType !== "email") return { skipped: "not an email inbox" };
  if (!row.enabled) return { skipped: "surveys are off in this inbox" };
  if (row.conversation.status !== "resolved") return { skipped: "no longer resolved" };

  const [lastIncoming] = await db
    .select({ contentAttributes: messages.contentAttributes })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.conversationId, conversationId), eq(messages.messageType, "incoming")))
    .orderBy(desc(messages.id))
    .limit(1);
  const email = (lastIncoming?.contentAttributes.email ?? {}) as { kind?: unknown };
  const refusal = refuseAutoReply({ kind: email.kind, from: row.contactEmail });
  if (refusal) return { skipped: refusal };
  if (await hasBounced(db, accountId, row.conversation.contactId, conversationId)) return { skipped: "mail to this address bounced" };

  const c = row.conversation;
  return inTransaction(db, async (tx, afterCommit): Promise<CsatSurveyOutcome> => {
    // The row lock serializes concurrent runs for this conversation; the unique index backs it.
    await tx.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.accountId, accountId), eq(conversations.id, c.id))).for("update");
    const [existing] = await tx.select({ id: csatSurveyResponses.id }).from(csatSurveyResponses).where(eq(csatSurveyResponses.conversationId, c.id));
    if (existing) return { skipped: "this conversation already had its survey" };
    const [message] = await tx
      .insert(messages)
      .values({
        accountId,
        inboxId: c.inboxId,
        conversationId: c.id,
        messageType: "template",
        contentType: "input_csat",
        // The inbox's own wording (Chatwoot's csat_config.message) when it has one.
        content: row.config.message?.trim() || SURVEY_MESSAGE,
        contentAttributes: { auto_reply: true, auto_reply_kind: "csat" },
        status: "sent",
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: messages.id });
    const [survey] = await tx
      .insert(csatSurveyResponses)
      .values({ accountId, conversationId: c.id, inboxId: c.inboxId, contactId: c.contactId, messageId: message.id, assignedAgentId: c.assigneeId, teamId: c.teamId, sentAt: now })
      .returning({ id: csatSurveyResponses.id });
    const queued = await queueEmailDelivery(tx, { accountId, inboxId: c.inboxId, conversationUuid: c.uuid, messageId: message.id });
    if (queued) afterCommit(() => sendEvent(mailSendRequested.create({ accountId, messageId: message.id })));
    emitMessageCreated(afterCommit, { accountId, conversationId: c.id, messageId: message.id }, c.status);
    return { sent: true, surveyId: survey.id, messageId: message.id };
  });
}

/**
 * Has our mail to this contact bounced (a delivery failure report marked it failed), or did a
 * reply in this very conversation fail for good? Either way a survey would not arrive.
 */
async function hasBounced(db: DbOrTx, accountId: number, contactId: number, conversationId: number): Promise<boolean> {
  const [hit] = await db
    .select({ one: sql<number>`1` })
    .from(emailDeliveries)
    .innerJoin(messages, and(eq(messages.accountId, emailDeliveries.accountId), eq(messages.id, emailDeliveries.messageId)))
    .innerJoin(conversations, and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId)))
    .where(
      and(
        eq(emailDeliveries.accountId, accountId),
        eq(conversations.contactId, contactId),
        eq(emailDeliveries.status, "failed"),
        or(like(emailDeliveries.lastError, "Bounced:%"), eq(conversations.id, conversationId)),
      ),
    )
    .limit(1);
  return Boolean(hit);
}
