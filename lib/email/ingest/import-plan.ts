import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, conversations } from "@/db/schema";
import { classifyEmail } from "@/lib/email/classify/classify-email";
import type { EmailAddress, ParsedAttachment, ParsedEmail } from "@/lib/email/types";
import { matchConversation, type ThreadConversation, type ThreadMatch } from "@/lib/email/thread/match-conversation";
import type { CreateConversationInput } from "@/lib/conversations/create-conversation";
import type { CreateMessageInput } from "@/lib/messages/create-message";
import { cleanLine } from "@/lib/email/parse/hostile-text";
import { partitionAttachments } from "./attachments";
import { incomingEmailAttributes, messageContent } from "./email-attributes";
import { addressKey, findOrCreateContact, findOrCreateEmailContact, participantByAddress } from "./email-contacts";
import { isAccountAddress, isOwnAddress, type EmailInboxContext } from "./email-inbox";
import type { BatchLookups } from "./batch-lookups";

/** Mail the pipeline cannot import, in words for the quarantine list. */
export class UnimportableEmailError extends Error {}

// A hostile or huge CC list must not create thousands of contacts.
const MAX_PARTICIPANTS = 50;

/**
 * What an email becomes, decided before anything about it is written (shared by the one-message
 * path above and the batch's set-based writes, import-batch.ts): ignored (our own address), a
 * bounce, or a message — threaded into `conversation`, or opening `newConversation` — with its
 * sender, participants, message input and the attachments to keep. Contacts it needs are found or
 * created here (they are written at once; conversations and messages are left to the caller).
 */
export type ImportPlan =
  | { kind: "own_address"; reason: string }
  | { kind: "blocked"; reason: string }
  | { kind: "bounce"; bounce: { originalMessageId: string | null; reason: string } }
  | {
      kind: "message";
      match: ThreadMatch | null;
      /** The conversation it threads into; null when it opens `newConversation`. */
      conversation: ThreadConversation | null;
      newConversation: { input: CreateConversationInput; contactInbox: { id: number; contactId: number }; contactEmail: string | null } | null;
      senderContactId: number;
      participantIds: number[];
      message: CreateMessageInput;
      kept: ParsedAttachment[];
    };

export async function planImport(tx: DbOrTx, inbox: EmailInboxContext, parsed: ParsedEmail, archive: boolean, lookups?: BatchLookups): Promise<ImportPlan> {
  const { accountId, inboxId } = inbox;
  const classification = classifyEmail(parsed);
  const from = parsed.from;
  if (from && isOwnAddress(inbox, from.address)) {
    return { kind: "own_address", reason: `Sent from this inbox's own address (${from.address}): ignored so that our own mail cannot loop back in.` };
  }
  if (classification.kind === "bounce") return { kind: "bounce", bounce: classification.bounce ?? { originalMessageId: null, reason: "Delivery failed" } };
  if (!from) throw new UnimportableEmailError(noSenderReason(parsed));
  if (await senderIsBlocked(tx, accountId, from.address, lookups)) {
    return { kind: "blocked", reason: `The sender (${from.address}) is a blocked contact: the message is kept here and opens no conversation.` };
  }

  const match = await matchConversation(tx, inbox, parsed, lookups?.threads ?? undefined);
  const { kept, notImported } = partitionAttachments(parsed.attachments);
  const attributes = incomingEmailAttributes(parsed, classification, notImported);
  // Imported history and automatic replies do not reopen a resolved conversation.
  const keepStatus = archive || classification.kind === "auto_reply";

  let conversation: ThreadConversation | null = null;
  let newConversation: Extract<ImportPlan, { kind: "message" }>["newConversation"] = null;
  let senderContactId: number;
  if (match) {
    conversation = await matchedConversation(tx, accountId, match);
    senderContactId = await threadSender(tx, accountId, conversation, from, lookups);
  } else {
    const { contactId, contactInboxId, contactEmail } = await findOrCreateEmailContact(tx, accountId, inboxId, from, lookups);
    const input = {
      inboxId,
      contactId,
      sourceId: from.address.toLowerCase(),
      status: archive ? ("resolved" as const) : ("open" as const),
      additionalAttributes: { mail_subject: parsed.subject, source: "email" },
    };
    newConversation = { input, contactInbox: { id: contactInboxId, contactId }, contactEmail: contactEmail ?? null };
    senderContactId = contactId;
  }
  const contactId = conversation?.contactId ?? senderContactId;
  const participantIds = await participantsToRecord(tx, inbox, contactId, [...parsed.to, ...parsed.cc], from, senderContactId, lookups);
  const message: CreateMessageInput = {
    content: messageContent(attributes),
    messageType: "incoming",
    contentType: "incoming_email",
    contentAttributes: { email: attributes },
    sourceId: parsed.messageId,
    senderContactId,
    keepStatus,
  };
  return { kind: "message", match, conversation, newConversation, senderContactId, participantIds, message, kept };
}

/** Whether the sender's contact is blocked: from the batch's lookups when they know the address, else one indexed read. */
async function senderIsBlocked(tx: DbOrTx, accountId: number, address: string, lookups?: BatchLookups): Promise<boolean> {
  const key = addressKey(address);
  if (lookups?.blocked && lookups.contacts.has(key)) return lookups.blocked.has(key);
  const [row] = await tx
    .select({ blocked: contacts.blocked })
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), sql`lower(${contacts.email}) = ${key}`))
    .limit(1);
  return row?.blocked ?? false;
}

/**
 * Mail without a usable sender is quarantined, never given to an invented contact (who could
 * never be replied to): no From at all, or one whose address cannot be read. docs/email-ingest.md.
 */
function noSenderReason(parsed: ParsedEmail): string {
  const written = (parsed.headers.from ?? []).join(", ").trim();
  if (!written) return "The message has no sender address (From), so it cannot be given to a contact.";
  const shown = cleanLine(written, 120);
  return `The sender address cannot be read (From: ${shown}), so the message cannot be given to a contact or answered.`;
}

/** The conversation a match names: the thread lookup usually brings it along; the other strategies read it here. */
export async function matchedConversation(tx: DbOrTx, accountId: number, match: ThreadMatch): Promise<ThreadConversation> {
  if (match.conversation) return match.conversation;
  const [existing] = await tx
    .select({ id: conversations.id, displayId: conversations.displayId, contactId: conversations.contactId, contactEmail: contacts.email })
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
    .where(and(eq(conversations.accountId, accountId), eq(conversations.id, match.conversationId)));
  return existing;
}

/**
 * Who wrote a message threaded into an existing conversation: its contact, a known participant
 * (a CC'd colleague), or someone new on the thread. When not the conversation's contact, the
 * sender is recorded as a participant with the others (participantsToRecord).
 */
export async function threadSender(
  tx: DbOrTx,
  accountId: number,
  conversation: { id: number; contactId: number; contactEmail: string | null },
  from: EmailAddress,
  lookups?: BatchLookups,
): Promise<number> {
  const address = from.address.toLowerCase();
  if (conversation.contactEmail?.toLowerCase() === address) return conversation.contactId;
  // A participant is the account's one contact with this address (unique on lower(email)): when
  // the batch's lookups know that contact (or that there is none), no statement is needed.
  if (lookups?.contacts.get(addressKey(address)) === undefined) {
    const participant = await participantByAddress(tx, accountId, conversation.id, address);
    if (participant !== null) return participant;
  }
  return findOrCreateContact(tx, accountId, from, lookups);
}

/** Everyone on To/Cc (and the sender) who is not us and not the conversation's contact, as contact ids. */
export async function participantsToRecord(
  tx: DbOrTx,
  inbox: EmailInboxContext,
  conversationContactId: number,
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
    if (contactId !== conversationContactId) ids.push(contactId);
  }
  if (senderContactId !== conversationContactId) ids.push(senderContactId);
  return ids;
}
