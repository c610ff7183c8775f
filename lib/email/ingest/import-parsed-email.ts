import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import type { AfterCommit } from "@/db/transaction";
import { contacts, conversations, messages, rawEmails } from "@/db/schema";
import type { AccountAccess } from "@/lib/accounts/access";
import { classifyEmail } from "@/lib/email/classify/classify-email";
import type { EmailAddress, ParsedEmail } from "@/lib/email/types";
import { matchConversation, type ThreadConversation, type ThreadStrategy } from "@/lib/email/thread/match-conversation";
import { writeConversation } from "@/lib/conversations/create-conversation";
import { writeMessage } from "@/lib/messages/create-message";
import { emitMessageUpdatedById } from "@/lib/realtime/emit";
import { partitionAttachments, storeAttachments } from "./attachments";
import { markOriginalBounced } from "./bounce";
import { incomingEmailAttributes, messageContent } from "./email-attributes";
import { addParticipants, findOrCreateContact, findOrCreateEmailContact, participantByAddress } from "./email-contacts";
import { isAccountAddress, isOwnAddress, type EmailInboxContext } from "./email-inbox";
import type { BatchLookups } from "./batch-lookups";
import type { RawRowBatch } from "./raw-rows";

/**
 * The part of ingestion that runs in ONE transaction, after the raw bytes are stored and parsed:
 * classify, thread, resolve the sender, record participants, write the message and its
 * attachments, and mark the raw row imported. The raw row is locked first, so two imports of the
 * same stored mail (a retry racing a poll) cannot both write a message. In a batch (`batch`), the
 * caller has locked the rows already and writes their final status for the whole batch; with
 * `lookups`, threads and contacts come from what the batch read at its start (batch-lookups.ts).
 */
export type ImportOutcome =
  | { status: "imported"; messageId: number; conversationId: number; conversationDisplayId: number; isNewConversation: boolean; strategy: ThreadStrategy | null }
  | { status: "ignored"; reason: string; messageId?: number }
  | { status: "duplicate" };

/** Mail the pipeline cannot import, in words for the quarantine list. */
export class UnimportableEmailError extends Error {}

// A hostile or huge CC list must not create thousands of contacts.
const MAX_PARTICIPANTS = 50;

export async function importParsedEmail(
  tx: Tx,
  afterCommit: AfterCommit,
  inbox: EmailInboxContext,
  rawEmailId: number,
  parsed: ParsedEmail,
  options: { archive: boolean; batch?: RawRowBatch; lookups?: BatchLookups },
): Promise<ImportOutcome> {
  const { accountId, inboxId } = inbox;
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

  const classification = classifyEmail(parsed);
  const from = parsed.from;
  if (from && isOwnAddress(inbox, from.address)) {
    const reason = `Sent from this inbox's own address (${from.address}): ignored so that our own mail cannot loop back in.`;
    await finish("ignored", null, reason);
    return { status: "ignored", reason };
  }
  if (classification.kind === "bounce") {
    const bounce = classification.bounce ?? { originalMessageId: null, reason: "Delivery failed" };
    const failed = await markOriginalBounced(tx, inbox, bounce);
    // The agent sees their reply turn "not sent" with the reason, live.
    if (failed) emitMessageUpdatedById(afterCommit, { accountId: inbox.accountId, messageId: failed });
    const reason = failed
      ? `Delivery failure report: the message it names was marked failed (${bounce.reason}).`
      : `Delivery failure report for a message not sent from this inbox (${bounce.reason}).`;
    await finish("ignored", null, reason);
    return failed ? { status: "ignored", reason, messageId: failed } : { status: "ignored", reason };
  }
  if (!from) throw new UnimportableEmailError("The message has no sender address (From), so it cannot be given to a contact.");

  const match = await matchConversation(tx, inbox, parsed, lookups?.threads ?? undefined);
  const { kept, notImported } = partitionAttachments(parsed.attachments);
  const attributes = incomingEmailAttributes(parsed, classification, notImported);
  // Imported history and automatic replies do not reopen a resolved conversation.
  const keepStatus = options.archive || classification.kind === "auto_reply";

  let conversation: ThreadConversation;
  let senderContactId: number;
  if (match) {
    // The thread lookup usually brings the conversation along; the other strategies read it here.
    const [existing] = match.conversation ? [match.conversation] : await tx
      .select({ id: conversations.id, displayId: conversations.displayId, contactId: conversations.contactId, contactEmail: contacts.email })
      .from(conversations)
      .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, match.conversationId)));
    conversation = existing;
    senderContactId = await threadSender(tx, accountId, existing, from, lookups);
  } else {
    const { contactId, contactInboxId, contactEmail } = await findOrCreateEmailContact(tx, accountId, inboxId, from, lookups);
    // Written in this message's savepoint, without one of its own (fewer round trips per message).
    const input = {
      inboxId,
      contactId,
      sourceId: from.address.toLowerCase(),
      status: options.archive ? ("resolved" as const) : ("open" as const),
      additionalAttributes: { mail_subject: parsed.subject, source: "email" },
    };
    const created = await writeConversation(tx, access, input, { contactInbox: { id: contactInboxId, contactId } }, afterCommit);
    // An unknown contact email (a rare race) only costs the sender check a lookup later.
    conversation = { id: created.id, displayId: created.displayId, contactId, contactEmail: contactEmail ?? null };
    senderContactId = contactId;
  }

  const participantIds = await participantsToRecord(tx, inbox, conversation, [...parsed.to, ...parsed.cc], from, senderContactId, lookups);

  // The participants' insert travels with the message's statements (one round trip fewer); both
  // are in this transaction, so either failing rolls back the whole message.
  const [message] = await Promise.all([
    writeMessage(tx, afterCommit, access, conversation.displayId, {
      content: messageContent(attributes),
      messageType: "incoming",
      contentType: "incoming_email",
      contentAttributes: { email: attributes },
      sourceId: parsed.messageId,
      senderContactId,
      keepStatus,
    }),
    addParticipants(tx, accountId, conversation.id, participantIds),
  ]);
  // A later message of the same batch replying to this one threads to it without a lookup.
  if (lookups?.threads && parsed.messageId && !lookups.threads.has(parsed.messageId)) lookups.threads.set(parsed.messageId, conversation);
  const inline = await storeAttachments(tx, accountId, message.messageId, kept);
  if (Object.keys(inline).length > 0) {
    await tx
      .update(messages)
      .set({ contentAttributes: sql`jsonb_set(${messages.contentAttributes}, '{email,inline_images}', ${JSON.stringify(inline)}::jsonb)` })
      .where(and(eq(messages.accountId, accountId), eq(messages.id, message.messageId)));
  }
  await finish("imported", message.messageId, null);
  return {
    status: "imported",
    messageId: message.messageId,
    conversationId: conversation.id,
    conversationDisplayId: conversation.displayId,
    isNewConversation: match === null,
    strategy: match?.strategy ?? null,
  };
}

/**
 * Who wrote a message threaded into an existing conversation: its contact, a known participant
 * (a CC'd colleague), or someone new on the thread, who then becomes a participant.
 */
async function threadSender(
  tx: DbOrTx,
  accountId: number,
  conversation: { id: number; contactId: number; contactEmail: string | null },
  from: EmailAddress,
  lookups?: BatchLookups,
): Promise<number> {
  const address = from.address.toLowerCase();
  if (conversation.contactEmail?.toLowerCase() === address) return conversation.contactId;
  const participant = await participantByAddress(tx, accountId, conversation.id, address);
  if (participant !== null) return participant;
  const contactId = await findOrCreateContact(tx, accountId, from, lookups);
  if (contactId !== conversation.contactId) await addParticipants(tx, accountId, conversation.id, [contactId]);
  return contactId;
}

/** Everyone on To/Cc (and the sender) who is not us and not the conversation's contact, as contact ids. */
async function participantsToRecord(
  tx: DbOrTx,
  inbox: EmailInboxContext,
  conversation: { id: number; contactId: number },
  addresses: EmailAddress[],
  from: EmailAddress,
  senderContactId: number,
  lookups?: BatchLookups,
): Promise<number[]> {
  // The sender is already resolved (senderContactId): not looked up again.
  const seen = new Set<string>([from.address.toLowerCase()]);
  const ids: number[] = [];
  for (const address of addresses) {
    const a = address.address.toLowerCase();
    if (seen.has(a) || isAccountAddress(inbox, a) || !a.includes("@")) continue;
    seen.add(a);
    if (ids.length >= MAX_PARTICIPANTS) break;
    const contactId = await findOrCreateContact(tx, inbox.accountId, address, lookups);
    if (contactId !== conversation.contactId) ids.push(contactId);
  }
  if (senderContactId !== conversation.contactId) ids.push(senderContactId);
  return ids;
}
