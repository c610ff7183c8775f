import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Tx } from "@/db/client";
import { inTransaction, type AfterCommit } from "@/db/transaction";
import { contacts, conversations, messages } from "@/db/schema";
import { selectMessages } from "@/db/queries/messages";
import type { Actor } from "@/lib/auth/actor";
import { requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { findVisibleConversation } from "@/lib/conversations/find-conversation";
import { queueEmailDelivery } from "@/lib/email/send/queue-email-delivery";
import { invalid } from "@/lib/errors";
import { createLogger } from "@/lib/logger";
import { assignOnReply } from "@/lib/conversations/assign-on-reply";
import { recordMentions } from "@/lib/conversations/mentions";
import { notifyNewMessages } from "@/lib/notifications/new-message";
import { emitMessageCreated } from "@/lib/realtime/emit";
import { emitContactMessageCreated } from "@/lib/realtime/contact-events";
import { attachmentThumbnailsRequested, mailSendRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { insertActivityMessage } from "./activity";
import { incomingMessageEffects, REOPENED_ACTIVITY, type IncomingEffects } from "./incoming-rules";
import type { MessageDetails } from "./types";
import { richContent } from "./rich-content";
import { attachUploads, storeMessageFiles, type MessageFile } from "./attachments";
import { emitIntegrationEvent } from "@/lib/integrations/emit";
import { emitConversationChange } from "@/lib/integrations/snapshots";
import { statusWithBot } from "@/lib/agent-bots/bot-status";
import { requestAutoAssignment } from "@/lib/assignment/requests";
import { refreshConversationSlas } from "@/lib/sla/refresh";

const log = createLogger("messages");

export const createMessageInput = z
  .object({
    content: z.string().max(150_000, "Content is too long"),
    /** How `content` is written: plain text (the default, stored as given), the composer's HTML, or Markdown. */
    contentFormat: z.enum(["text", "html", "markdown"]).default("text"),
    /** A message that carries attachments may have no text (the Client API's file-only messages). */
    allowBlank: z.boolean().default(false),
    messageType: z.enum(["incoming", "outgoing"]).default("outgoing"),
    /** A private note: seen by agents only, never sent to the contact. */
    private: z.boolean().default(false),
    contentType: z
      .enum(["text", "input_text", "input_textarea", "input_email", "input_select", "cards", "form", "article", "incoming_email"])
      .default("text"),
    contentAttributes: z.record(z.string(), z.unknown()).default({}),
    sourceId: z.string().max(1000).nullable().optional(),
    /** Incoming only: the contact who wrote it when not the conversation's contact (a CC'd participant). */
    senderContactId: z.number().int().positive().optional(),
    /** Incoming only: imported history or an automatic reply, which leaves the status (and the waiting clock) alone. */
    keepStatus: z.boolean().default(false),
    /** The Client API caller's temporary id: not stored, echoed on the contact's live message.created (as Chatwoot's echo_id). */
    echoId: z.string().max(255).optional(),
  })
  // Formatted content is sanitized here, on the way in, and stored with its plain text (docs/composer.md, Rich text).
  .transform(({ contentFormat, ...m }) => ({ ...m, ...richContent(m.content, contentFormat) }))
  .refine((m) => m.allowBlank || m.content.trim().length > 0, { message: "Content can't be blank", path: ["content"] })
  .refine((m) => !(m.private && m.messageType === "incoming"), { message: "A private note must be outgoing", path: ["private"] })
  .refine((m) => m.messageType === "incoming" || (m.senderContactId === undefined && !m.keepStatus), {
    message: "Only incoming messages have a contact sender",
    path: ["senderContactId"],
  });
export type CreateMessageInput = z.input<typeof createMessageInput>;

/**
 * Appends a message to a conversation the actor can see.
 * - incoming: from the conversation's contact (or `senderContactId`, a participant); reopens a
 *   resolved or snoozed conversation and starts the "waiting since" clock, unless `keepStatus`.
 * - outgoing: from the acting agent; the first public one sets first_reply_created_at and stops
 *   the clock. API-channel messages have nothing to deliver, so their status is `sent` at once.
 * - private notes: outgoing, visible to agents only; they do not count as a reply.
 * - outgoing public messages in an email inbox are `sending` until the mail job has sent them.
 */
export async function createMessage(
  db: DbOrTx,
  actor: Actor,
  accountId: number,
  displayId: number,
  params: CreateMessageInput,
  /** Files sent with the message (the API's `attachments[]`), and the agent's staged uploads (the composer). */
  attached: { files?: readonly MessageFile[]; uploadIds?: readonly string[] } = {},
): Promise<MessageDetails> {
  const access = await requireAccountAccess(db, actor, accountId);
  const { files = [], uploadIds = [] } = attached;
  const id =
    files.length + uploadIds.length === 0
      ? await appendMessage(db, access, accountId, displayId, params)
      : // In the message's transaction: the mail job, queued after commit, finds them when it builds the MIME.
        await inTransaction(db, async (tx, afterCommit) => {
          const written = await writeMessage(tx, afterCommit, access, displayId, { ...params, allowBlank: true }, { withAttachments: true });
          await storeMessageFiles(tx, accountId, written.messageId, files);
          await attachUploads(tx, accountId, access.userId, written.messageId, uploadIds);
          // Image files get a thumbnail from a job, after the commit (a lost event: the minute's sweep).
          afterCommit(() =>
            sendEvent(attachmentThumbnailsRequested.create({ accountId, messageId: written.messageId })).catch((error: unknown) =>
              log.warn("could not request thumbnails", { messageId: written.messageId, error: String(error) }),
            ),
          );
          return written;
        });
  const [created] = await selectMessages(db, accountId, id.conversationId, { ids: [id.messageId], limit: 1 });
  return created;
}

/**
 * createMessage for a caller that already holds the access (checked with requireAccountAccess)
 * and needs only the ids, not the message re-read for display: the email import, per message.
 */
export async function appendMessage(
  db: DbOrTx,
  access: AccountAccess,
  accountId: number,
  displayId: number,
  params: CreateMessageInput,
): Promise<{ messageId: number; conversationId: number }> {
  if (access.accountId !== accountId) throw invalid("The access is for another account");
  return inTransaction(db, (tx, afterCommit) => writeMessage(tx, afterCommit, access, displayId, params));
}

/**
 * The body of appendMessage for a caller already inside its own transaction or savepoint (the
 * email import, one savepoint per message): no savepoint of its own, so fewer round trips.
 */
export async function writeMessage(
  tx: Tx,
  afterCommit: AfterCommit,
  access: AccountAccess,
  displayId: number,
  params: CreateMessageInput,
  /** Files are stored with the message in this transaction: its live event then lists them. */
  options: { withAttachments?: boolean } = {},
): Promise<{ messageId: number; conversationId: number }> {
  const { accountId } = access;
  const input = parseInput(createMessageInput, params);
  const conversation = await findVisibleConversation(tx, access, displayId, { lock: true });
  const isIncoming = input.messageType === "incoming";
  if (!isIncoming && access.userId === null && access.agentBotId === undefined && !input.private) {
    // The system has no name to reply under; jobs that send replies act as an agent or bot.
    throw invalid("Outgoing messages need an acting user");
  }
  const senderContactId = input.senderContactId ?? conversation.contactId;
  if (senderContactId !== conversation.contactId) {
    const [sender] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, senderContactId)))
      .limit(1);
    if (!sender) throw invalid("The sender contact was not found");
  }
  const [message] = await tx
    .insert(messages)
    .values(messageRow(access, conversation, input, senderContactId))
    .returning({ id: messages.id, createdAt: messages.createdAt });

  const isEmailQueued =
    !isIncoming &&
    !input.private &&
    (await queueEmailDelivery(tx, { accountId, inboxId: conversation.inboxId, conversationUuid: conversation.uuid, messageId: message.id }));

  const changes: Partial<typeof conversations.$inferInsert> = { lastActivityAt: message.createdAt, updatedAt: new Date() };
  // Sent at once and awaited with the conversation's update below: one round trip fewer.
  let contactActivity: Promise<unknown> = Promise.resolve();
  let effects: IncomingEffects | null = null;
  if (isIncoming) {
    // The contacts list sorts by last activity: a contact writing in is activity.
    contactActivity = tx
      .update(contacts)
      .set({ lastActivityAt: message.createdAt })
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, senderContactId)))
      .execute();
    // The rules an incoming message follows, shared with the email import's batch writes.
    effects = incomingMessageEffects(accountId, conversation, input);
    if (effects.startsWaiting) changes.waitingSince = message.createdAt;
    if (effects.reopens) {
      // Back to the bot first when one answers the inbox (handoff starts over).
      changes.status = await statusWithBot(tx, accountId, conversation.inboxId, "open");
      changes.snoozedUntil = null;
      await Promise.all([contactActivity, insertActivityMessage(tx, conversation, REOPENED_ACTIVITY)]);
    }
  } else if (!input.private) {
    if (conversation.firstReplyCreatedAt === null) changes.firstReplyCreatedAt = message.createdAt;
    changes.waitingSince = null;
  }
  await Promise.all([
    contactActivity,
    tx
      .update(conversations)
      .set(changes)
      .where(and(eq(conversations.accountId, accountId), eq(conversations.id, conversation.id))),
    // The assignee and followers hear of a customer's new message (one statement, sent with the update above).
    effects?.notification ? notifyNewMessages(tx, afterCommit, accountId, [effects.notification]) : undefined,
  ]);
  // A next-response clock starts or the SLA runs again: the due times go out with this message's event.
  // The message's time is the reopening's and the wait's: both clocks count from the same instant.
  if (effects?.startsWaiting || effects?.reopens) await refreshConversationSlas(tx, afterCommit, accountId, [conversation.id], message.createdAt);
  const selfAssigned = !isIncoming && !input.private ? await assignOnReply(tx, afterCommit, access, conversation) : null;
  const mentioned = input.private ? await recordMentions(tx, afterCommit, access, conversation, input.content) : [];
  if (!isIncoming && access.userId !== null && access.agentBotId === undefined) {
    // An agent's reply or note tells the assignee and followers too (not the writer; a mention already told).
    // The assignee as read before the reply is right: a reply only self-assigns its own writer.
    await notifyNewMessages(tx, afterCommit, accountId, [{ conversation, senderUserId: access.userId, exclude: mentioned, content: input.content }]);
  }
  if (isEmailQueued) {
    // Runs after the outermost commit. If this event is lost, the message stays `sending` and
    // the send job's sweep picks it up.
    afterCommit(() =>
      sendEvent(mailSendRequested.create({ accountId, messageId: message.id })).catch((error: unknown) =>
        log.error("could not request the email send", { messageId: message.id, error: String(error) }),
      ),
    );
  }
  // Live refresh, after the outermost commit (read then, only when Pusher is configured: no
  // statement is added to this transaction).
  emitMessageCreated(afterCommit, { accountId, conversationId: conversation.id, messageId: message.id, withAttachments: options.withAttachments }, conversation.status);
  emitIntegrationEvent(afterCommit, {
    accountId,
    event: "message_created",
    conversationId: conversation.id,
    messageId: message.id,
    conversationState: { status: changes.status ?? conversation.status, assigneeId: selfAssigned ?? conversation.assigneeId },
  });
  if (effects?.reopens) {
    await emitConversationChange(tx, afterCommit, {
      accountId,
      conversationId: conversation.id,
      events: ["conversation_status_changed", "conversation_updated"],
      changedAttributes: { status: [conversation.status, changes.status ?? "open"] },
    });
    if (changes.status === "open" && conversation.assigneeId === null) requestAutoAssignment(afterCommit, { accountId, inboxId: conversation.inboxId });
  }
  // The contact's own live channel, for API inboxes (public messages only; read after commit).
  emitContactMessageCreated(afterCommit, { accountId, conversationId: conversation.id, messageId: message.id, echoId: input.echoId });
  return { messageId: message.id, conversationId: conversation.id };
}


export type ValidMessageInput = z.output<typeof createMessageInput>;

/**
 * The row of a new message from validated input (createMessageInput) in a conversation; an
 * incoming one is from `senderContactId`. Shared with the email import's batch writes.
 */
export function messageRow(
  access: AccountAccess,
  conversation: { id: number; inboxId: number },
  input: ValidMessageInput,
  senderContactId: number,
): typeof messages.$inferInsert {
  const isIncoming = input.messageType === "incoming";
  return {
    accountId: access.accountId,
    inboxId: conversation.inboxId,
    conversationId: conversation.id,
    messageType: input.messageType,
    content: input.content,
    contentHtml: input.contentHtml,
    contentType: input.contentType,
    contentAttributes: input.contentAttributes,
    private: input.private,
    status: "sent",
    sourceId: input.sourceId ?? null,
    senderType: isIncoming ? "contact" : access.agentBotId !== undefined ? "agent_bot" : access.userId === null ? null : "user",
    senderId: isIncoming ? senderContactId : (access.agentBotId ?? access.userId),
  };
}
