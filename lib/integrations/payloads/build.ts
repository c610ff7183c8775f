import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, contactInboxes, conversations, users } from "@/db/schema";
import { selectMessages } from "@/db/queries/messages";
import { selectConversationSummaries } from "@/db/queries/conversation-summaries";
import { findContact, type ContactDetails } from "@/lib/contacts/contacts";
import { serializeAttachment } from "@/lib/api/serializers/attachment";
import { attachmentsOfMessage } from "@/lib/messages/attachments";
import type { ConversationSummary } from "@/lib/conversations/types";
import type { IntegrationEventData } from "../events";
import { assigneesAtMessages, atMessage } from "./state-at-message";
import { changedAttributesData, contactData, conversationData, messageData, senderData, userPushData, type Json } from "./shapes";

/**
 * Builds one integration event's payload in Chatwoot's shape, after the commit, from the ids the
 * emission carried: `{event, ...webhook data}`. Returns null when there is nothing to send: the
 * subject was deleted since (its own *_deleted event says so), or the message is an activity
 * line (Chatwoot's webhook_sendable?).
 */
export type BuiltPayload = {
  payload: Json;
  /** The inbox the event belongs to (null for contact events): inbox-filtered targets use it. */
  inboxId: number | null;
  conversationId: number | null;
};

type Account = { id: number; name: string };

const readAccount = async (db: DbOrTx, accountId: number): Promise<Account | undefined> =>
  (await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)))[0];

export async function buildIntegrationPayload(db: DbOrTx, data: IntegrationEventData): Promise<BuiltPayload | null> {
  // Messages, the most frequent events, read the account with the message (buildMessagePayload).
  if (data.event === "message_created" || data.event === "message_updated") return buildMessagePayload(db, data, data.event);
  const account = await readAccount(db, data.accountId);
  if (!account) return null;
  const event = data.event;
  switch (event) {
    case "conversation_created":
    case "conversation_updated":
    case "conversation_status_changed": {
      // Updates carry the conversation as their transaction left it (emitConversationChange).
      if (data.snapshot && data.conversationId) {
        const inboxId = typeof data.snapshot.inbox_id === "number" ? data.snapshot.inbox_id : null;
        const payload: Json = { event, ...(data.snapshot as Json) };
        if (event !== "conversation_created") payload.changed_attributes = changedAttributesData(data.changedAttributes);
        return { payload, inboxId, conversationId: data.conversationId };
      }
      const loaded = await loadConversation(db, account, data.conversationId);
      if (!loaded) return null;
      const payload: Json = { event, ...loaded.data };
      if (event !== "conversation_created") payload.changed_attributes = changedAttributesData(data.changedAttributes);
      return { payload, inboxId: loaded.summary.inboxId, conversationId: loaded.summary.id };
    }
    case "conversation_typing_on":
    case "conversation_typing_off": {
      const loaded = await loadConversation(db, account, data.conversationId);
      if (!loaded) return null;
      const [user] = data.userId ? await db.select({ id: users.id, name: users.name, displayName: users.displayName }).from(users).where(eq(users.id, data.userId)) : [];
      const payload: Json = {
        event,
        user: user ? userPushData({ id: user.id, name: user.displayName || user.name, availability: null }) : null,
        conversation: loaded.data,
        is_private: data.isPrivate ?? false,
      };
      return { payload, inboxId: loaded.summary.inboxId, conversationId: loaded.summary.id };
    }
    case "contact_created":
    case "contact_updated": {
      if (!data.contactId) return null;
      // The state at the change (emitContactChange); older queued events carry only the id.
      let body: Json | null = data.snapshot ? (data.snapshot as Json) : null;
      if (!body) {
        const contact = await findContact(db, data.accountId, data.contactId);
        if (!contact) return null;
        body = contactData(contact, account);
      }
      const payload: Json = { event, ...body };
      if (event === "contact_updated") payload.changed_attributes = changedAttributesData(data.changedAttributes);
      return { payload, inboxId: null, conversationId: null };
    }
    case "contact_deleted":
    case "conversation_deleted": {
      // Taken before the delete (the row is gone now): see IntegrationEventData.snapshot.
      if (!data.snapshot) return null;
      const inboxId = typeof data.snapshot.inbox_id === "number" ? data.snapshot.inbox_id : null;
      return { payload: { event, ...data.snapshot }, inboxId: event === "contact_deleted" ? null : inboxId, conversationId: data.conversationId ?? null };
    }
    case "webwidget_triggered":
    case "label_added":
    case "label_removed":
      // No web widget and no labels yet: nothing emits these. Their builders go here when they land.
      return null;
  }
}

/** message_created / message_updated: three reads at once (account, message, conversation), then the contact rows. */
async function buildMessagePayload(db: DbOrTx, data: IntegrationEventData, event: "message_created" | "message_updated"): Promise<BuiltPayload | null> {
  if (!data.conversationId || !data.messageId) return null;
  // The message and its conversation are read together, then the contact rows both need.
  const [account, [message], [current]] = await Promise.all([
    readAccount(db, data.accountId),
    selectMessages(db, data.accountId, data.conversationId, { ids: [data.messageId], limit: 1 }),
    selectConversationSummaries(db, data.accountId, eq(conversations.id, data.conversationId), sql``),
  ]);
  if (!account || !message || message.messageType === "activity" || !current) return null;
  const summary = atMessage(current, data.conversationState, await assigneesAtMessages(db, [{ state: data.conversationState, summary: current }]));
  const senderContactId = message.sender?.type === "contact" ? message.sender.id : null;
  const [conversation, senderContact, files] = await Promise.all([
    conversationDataWithContact(db, account, summary),
    senderContactId !== null && senderContactId !== summary.contact.id ? findContact(db, data.accountId, senderContactId) : null,
    attachmentsOfMessage(db, data.accountId, message.id),
  ]);
  const contact = senderContactId === null ? null : senderContactId === summary.contact.id ? conversation.contactDetails : senderContact;
  const body = messageData(message, {
    account,
    inbox: summary.inbox,
    conversation: conversation.data,
    sender: senderData(message.sender, contact, account),
  });
  // Chatwoot's Message#webhook_data lists the files in the attachment JSON the API uses.
  body.attachments = files.map((a) => serializeAttachment(data.accountId, a));
  return { payload: { event, ...body }, inboxId: summary.inboxId, conversationId: summary.id };
}

/** The conversation's webhook data, or null when it is gone. */
async function loadConversation(db: DbOrTx, account: Account, conversationId: number | undefined): Promise<{ summary: ConversationSummary; data: Json } | null> {
  if (!conversationId) return null;
  const [summary] = await selectConversationSummaries(db, account.id, eq(conversations.id, conversationId), sql``);
  return summary ? { summary, data: await conversationDataOf(db, account, summary) } : null;
}

/** Conversation#webhook_data with its contact inbox and contact (read together), for a summary already loaded. */
export async function conversationDataOf(db: DbOrTx, account: Account, summary: ConversationSummary): Promise<Json> {
  return (await conversationDataWithContact(db, account, summary)).data;
}

async function conversationDataWithContact(db: DbOrTx, account: Account, summary: ConversationSummary): Promise<{ data: Json; contactDetails: ContactDetails | null }> {
  const [[contactInbox], contact] = await Promise.all([
    summary.contactInboxId
      ? db
          .select()
          .from(contactInboxes)
          .where(and(eq(contactInboxes.accountId, account.id), eq(contactInboxes.id, summary.contactInboxId)))
      : [],
    findContact(db, account.id, summary.contact.id),
  ]);
  return { data: conversationData(summary, { account, contactInbox: contactInbox ?? null, contact }), contactDetails: contact };
}
