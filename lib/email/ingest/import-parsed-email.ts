import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { messages, rawEmails } from "@/db/schema";
import type { AccountAccess } from "@/lib/accounts/access";
import type { ParsedAttachment, ParsedEmail } from "@/lib/email/types";
import type { ThreadConversation, ThreadStrategy } from "@/lib/email/thread/match-conversation";
import { writeConversation } from "@/lib/conversations/create-conversation";
import { writeMessage } from "@/lib/messages/create-message";
import { emitMessageUpdatedById } from "@/lib/realtime/emit";
import { storeAttachments } from "./attachments";
import { markOriginalBounced } from "./bounce";
import { addParticipants } from "./email-contacts";
import type { EmailInboxContext } from "./email-inbox";
import { planImport, UnimportableEmailError } from "./import-plan";
import type { BatchLookups } from "./batch-lookups";
import type { RawRowBatch } from "./raw-rows";
import { emitIntegrationMessageUpdated } from "@/lib/integrations/emit";
import { requestAutoReply } from "@/lib/auto-replies/request";

/**
 * The part of ingestion that runs in ONE transaction, after the raw bytes are stored and parsed:
 * classify, thread, resolve the sender, record participants (import-plan.ts, shared with the
 * batch's set-based writes in import-batch.ts), write the message and its attachments, and mark
 * the raw row imported. The raw row is locked first, so two imports of the
 * same stored mail (a retry racing a poll) cannot both write a message. In a batch (`batch`), the
 * caller has locked the rows already and writes their final status for the whole batch; with
 * `lookups`, threads and contacts come from what the batch read at its start (batch-lookups.ts).
 */
export type ImportOutcome =
  | { status: "imported"; messageId: number; conversationId: number; conversationDisplayId: number; isNewConversation: boolean; strategy: ThreadStrategy | null }
  | { status: "ignored"; reason: string; messageId?: number }
  | { status: "duplicate" };

export { UnimportableEmailError };

export async function importParsedEmail(
  tx: Tx,
  afterCommit: AfterCommit,
  inbox: EmailInboxContext,
  rawEmailId: number,
  parsed: ParsedEmail,
  options: { archive: boolean; batch?: RawRowBatch; lookups?: BatchLookups },
): Promise<ImportOutcome> {
  const { accountId } = inbox;
  // The system acts here; the account and inbox were checked when the inbox context was loaded,
  // and the conversation and message are written without re-reading them for display.
  const access: AccountAccess = { accountId, role: "system", userId: null };
  const { batch, lookups } = options;
  // A batch has locked its raw rows already and hands over only the pending ones (raw-rows.ts).
  if (!batch) {
    const [row] = await tx
      .select({ status: rawEmails.status })
      .from(rawEmails)
      .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.id, rawEmailId)))
      .for("update");
    if (!row || row.status !== "pending") return { status: "duplicate" };
  }

  const finish = async (status: "imported" | "ignored", messageId: number | null, note: string | null) => {
    if (batch) {
      batch.finishes.push({ rawEmailId, status, messageId, note });
      return;
    }
    await tx
      .update(rawEmails)
      .set({ status, messageId, error: note, processedAt: new Date() })
      .where(and(eq(rawEmails.accountId, accountId), eq(rawEmails.id, rawEmailId)));
  };

  const plan = await planImport(tx, inbox, parsed, options.archive, lookups);
  if (plan.kind === "own_address" || plan.kind === "blocked") {
    await finish("ignored", null, plan.reason);
    return { status: "ignored", reason: plan.reason };
  }
  if (plan.kind === "bounce") {
    const { bounce } = plan;
    const failed = await markOriginalBounced(tx, inbox, bounce);
    // The agent sees their reply turn "not sent" with the reason, live.
    if (failed) emitMessageUpdatedById(afterCommit, { accountId: inbox.accountId, messageId: failed });
    if (failed) emitIntegrationMessageUpdated(afterCommit, { accountId: inbox.accountId, messageId: failed });
    const reason = failed
      ? `Delivery failure report: the message it names was marked failed (${bounce.reason}).`
      : `Delivery failure report for a message not sent from this inbox (${bounce.reason}).`;
    await finish("ignored", null, reason);
    return failed ? { status: "ignored", reason, messageId: failed } : { status: "ignored", reason };
  }

  let conversation = plan.conversation;
  if (plan.newConversation) {
    const { input, contactInbox, contactEmail } = plan.newConversation;
    // Written in this message's savepoint, without one of its own (fewer round trips per message).
    const created = await writeConversation(tx, access, input, { contactInbox }, afterCommit);
    // An unknown contact email (a rare race) only costs the sender check a lookup later.
    conversation = { id: created.id, displayId: created.displayId, contactId: contactInbox.contactId, contactEmail };
  }
  if (!conversation) throw new Error("The import plan names no conversation");

  // The participants' insert travels with the message's statements (one round trip fewer); both
  // are in this transaction, so either failing rolls back the whole message.
  const [message] = await Promise.all([
    writeMessage(tx, afterCommit, access, conversation.displayId, plan.message),
    addParticipants(tx, accountId, conversation.id, plan.participantIds),
  ]);
  // A later message of the same batch replying to this one threads to it without a lookup.
  rememberThread(lookups, parsed, conversation);
  await storeMessageAttachments(tx, accountId, message.messageId, plan.kept);
  await finish("imported", message.messageId, null);
  // Imported history and automatic mail are never answered; the job checks the rest.
  if (inbox.autoReplies && !plan.message.keepStatus) requestAutoReply(afterCommit, { accountId, messageId: message.messageId });
  return {
    status: "imported",
    messageId: message.messageId,
    conversationId: conversation.id,
    conversationDisplayId: conversation.displayId,
    isNewConversation: plan.match === null,
    strategy: plan.match?.strategy ?? null,
  };
}

/** A later message of the same batch replying to this one threads to `conversation` without a lookup. */
export function rememberThread(lookups: BatchLookups | undefined, parsed: ParsedEmail, conversation: ThreadConversation): void {
  if (lookups?.threads && parsed.messageId && !lookups.threads.has(parsed.messageId)) lookups.threads.set(parsed.messageId, conversation);
}

/** The kept attachments of a written message, and the Content-ID map of its inline images. */
export async function storeMessageAttachments(tx: Tx, accountId: number, messageId: number, kept: ParsedAttachment[]): Promise<void> {
  const inline = await storeAttachments(tx, accountId, messageId, kept);
  if (Object.keys(inline).length > 0) {
    await tx
      .update(messages)
      .set({ contentAttributes: sql`jsonb_set(${messages.contentAttributes}, '{email,inline_images}', ${JSON.stringify(inline)}::jsonb)` })
      .where(and(eq(messages.accountId, accountId), eq(messages.id, messageId)));
  }
}

