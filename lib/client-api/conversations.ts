import { and, desc, eq, inArray, lt, lte, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { conversations, messages, type Conversation } from "@/db/schema";
import { selectMessages } from "@/db/queries/messages";
import { inTransaction } from "@/db/transaction";
import { parseInput } from "@/lib/api/validation";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { findContact, type ContactDetails } from "@/lib/contacts/contacts";
import { listMessageAttachments, type AttachmentInfo } from "@/lib/messages/get-attachment";
import type { MessageDetails } from "@/lib/messages/types";
import { emitContactTyping } from "@/lib/realtime/contact-events";
import { emitMessageUpdatedById } from "@/lib/realtime/emit";
import { sendIntegrationEvent } from "@/lib/integrations/emit";
import {
  contactConversations,
  findContactConversation,
  requireVerifiedWhenEnforced,
  resolveClientContact,
  resourceNotFound,
  type ClientContact,
} from "./caller";
import { clientApiActor } from "./contacts";

/** What the Client API shows of a conversation: never private notes. */
export type ClientConversation = {
  conversation: Conversation;
  contact: ContactDetails;
  messages: ClientMessage[];
};
export type ClientMessage = MessageDetails & { attachments: AttachmentInfo[] };

/** Messages shown with each conversation (Chatwoot shows them all; we cap a very long thread). */
const MESSAGES_WITH_CONVERSATION = 100;
export const CLIENT_MESSAGES_PER_PAGE = 20;

/** A contact that may act: its row, and while verification is enforced, a verified one. */
export async function actingContact(db: DbOrTx, inboxIdentifier: string, sourceId: string): Promise<ClientContact> {
  const contact = await resolveClientContact(db, inboxIdentifier, sourceId);
  requireVerifiedWhenEnforced(contact);
  return contact;
}

/** The public (non-private) messages of a conversation, newest `limit` before `beforeId`, oldest first, with attachments. */
export async function publicMessages(
  db: DbOrTx,
  conversation: { accountId: number; id: number },
  options: { limit: number; beforeId?: number; ids?: number[] },
): Promise<ClientMessage[]> {
  const where = [
    eq(messages.accountId, conversation.accountId),
    eq(messages.conversationId, conversation.id),
    eq(messages.private, false),
    ne(messages.messageType, "activity"),
  ];
  if (options.beforeId !== undefined) where.push(lt(messages.id, options.beforeId));
  if (options.ids !== undefined) where.push(inArray(messages.id, options.ids));
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(...where))
    .orderBy(desc(messages.id))
    .limit(options.limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [details, files] = await Promise.all([
    selectMessages(db, conversation.accountId, conversation.id, { ids, limit: ids.length }),
    listMessageAttachments(db, clientApiActor, conversation.accountId, ids),
  ]);
  return details.map((m) => ({ ...m, attachments: files.get(m.id) ?? [] }));
}

async function withDetails(db: DbOrTx, contact: ClientContact, conversation: Conversation): Promise<ClientConversation> {
  const [person, shown] = await Promise.all([
    findContact(db, contact.accountId, conversation.contactId),
    publicMessages(db, conversation, { limit: MESSAGES_WITH_CONVERSATION }),
  ]);
  if (!person) throw resourceNotFound();
  return { conversation, contact: person, messages: shown };
}

/** GET conversations: the contact's conversations in the inbox, newest first. */
export async function listClientConversations(db: DbOrTx, inboxIdentifier: string, sourceId: string): Promise<ClientConversation[]> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const rows = await db
    .select()
    .from(conversations)
    .where(contactConversations(contact))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(100);
  return Promise.all(rows.map((row) => withDetails(db, contact, row)));
}

export async function getClientConversation(db: DbOrTx, inboxIdentifier: string, sourceId: string, displayId: number): Promise<ClientConversation> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  return withDetails(db, contact, await findContactConversation(db, contact, displayId));
}

export const createClientConversationInput = z.object({
  customAttributes: z.record(z.string(), z.unknown()).optional(),
});
export type CreateClientConversationInput = z.input<typeof createClientConversationInput>;

/**
 * POST conversations: a new open conversation of this contact row, through the same
 * createConversation as agents. A blocked contact's starts resolved, as Chatwoot does: the
 * contact is not told it is blocked, and the agents' lists stay quiet.
 */
export async function createClientConversation(
  db: DbOrTx,
  inboxIdentifier: string,
  sourceId: string,
  params: CreateClientConversationInput,
): Promise<ClientConversation> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const input = parseInput(createClientConversationInput, params);
  const created = await createConversation(db, clientApiActor, contact.accountId, {
    inboxId: contact.inboxId,
    sourceId: contact.sourceId,
    customAttributes: input.customAttributes ?? {},
    ...(contact.blocked ? { status: "resolved" as const } : {}),
  });
  return getClientConversation(db, inboxIdentifier, sourceId, created.displayId);
}

/** POST toggle_status: the contact resolves its conversation (already resolved: nothing changes). */
export async function resolveClientConversation(db: DbOrTx, inboxIdentifier: string, sourceId: string, displayId: number): Promise<ClientConversation> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const conversation = await findContactConversation(db, contact, displayId);
  if (conversation.status !== "resolved") {
    await toggleStatus(db, clientApiActor, contact.accountId, conversation.displayId, { status: "resolved" });
  }
  return getClientConversation(db, inboxIdentifier, sourceId, displayId);
}

export const toggleTypingInput = z.object({ typingStatus: z.enum(["on", "off"]) });

/** POST toggle_typing: agents watching the inbox see the contact typing (published, nothing stored). */
export async function toggleClientTyping(
  db: DbOrTx,
  inboxIdentifier: string,
  sourceId: string,
  displayId: number,
  params: z.input<typeof toggleTypingInput>,
): Promise<void> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const input = parseInput(toggleTypingInput, params);
  const conversation = await findContactConversation(db, contact, displayId);
  await Promise.all([
    emitContactTyping(conversation, input.typingStatus),
    sendIntegrationEvent({
      accountId: conversation.accountId,
      event: input.typingStatus === "on" ? "conversation_typing_on" : "conversation_typing_off",
      conversationId: conversation.id,
      occurredAt: Date.now(),
    }),
  ]);
}

/**
 * POST update_last_seen: the contact has read the conversation up to now. As Chatwoot does, the
 * agents' public replies up to that moment become `read` (agents see the receipt live); notes
 * and the contact's own messages are not the contact's to read.
 */
export async function updateClientLastSeen(db: DbOrTx, inboxIdentifier: string, sourceId: string, displayId: number): Promise<void> {
  const contact = await actingContact(db, inboxIdentifier, sourceId);
  const conversation = await findContactConversation(db, contact, displayId);
  await inTransaction(db, async (tx, afterCommit) => {
    const seenAt = new Date();
    const [, read] = await Promise.all([
      tx
        .update(conversations)
        .set({ contactLastSeenAt: seenAt })
        .where(and(eq(conversations.accountId, conversation.accountId), eq(conversations.id, conversation.id))),
      tx
        .update(messages)
        .set({ status: "read", updatedAt: seenAt })
        .where(
          and(
            eq(messages.accountId, conversation.accountId),
            eq(messages.conversationId, conversation.id),
            eq(messages.messageType, "outgoing"),
            eq(messages.private, false),
            inArray(messages.status, ["sent", "delivered"]),
            lte(messages.createdAt, seenAt),
          ),
        )
        .returning({ id: messages.id }),
    ]);
    // Live receipts for the newest few; a long unread history is seen on the next load.
    for (const { id } of read.sort((a, b) => b.id - a.id).slice(0, READ_RECEIPTS_LIVE)) emitMessageUpdatedById(afterCommit, { accountId: conversation.accountId, messageId: id });
  });
}

const READ_RECEIPTS_LIVE = 20;
