import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Tx } from "@/db/client";
import { inTransaction, type AfterCommit } from "@/db/transaction";
import { accounts, contactInboxes, contacts, conversations, inboxMembers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertInboxAccess, requireAccountAccess, type AccountAccess } from "@/lib/accounts/access";
import { parseInput } from "@/lib/api/validation";
import { invalid, notFound } from "@/lib/errors";
import { appendMessage } from "@/lib/messages/create-message";
import { emitConversationCreated } from "@/lib/realtime/emit";
import { notifyNewConversations } from "@/lib/notifications/new-conversation";
import { loadConversationSummary } from "./find-conversation";
import type { ConversationSummary } from "./types";
import { emitIntegrationEvent } from "@/lib/integrations/emit";
import { statusWithBot } from "@/lib/agent-bots/bot-status";
import { requestAutoAssignment } from "@/lib/assignment/requests";

export const createConversationInput = z
  .object({
    inboxId: z.number().int().positive(),
    /** The contact's address in the inbox (contact_inboxes.source_id), as in Chatwoot. */
    sourceId: z.string().trim().min(1).max(255).optional(),
    contactId: z.number().int().positive().optional(),
    status: z.enum(["open", "pending", "resolved", "snoozed"]).default("open"),
    snoozedUntil: z.coerce.date().nullable().optional(),
    assigneeId: z.number().int().positive().nullable().optional(),
    additionalAttributes: z.record(z.string(), z.unknown()).default({}),
    customAttributes: z.record(z.string(), z.unknown()).default({}),
    message: z
      .object({
        content: z.string(),
        messageType: z.enum(["incoming", "outgoing"]).default("outgoing"),
        private: z.boolean().default(false),
      })
      .optional(),
  })
  .refine((c) => c.sourceId !== undefined || c.contactId !== undefined, { message: "Give a contact_id or a source_id", path: ["contactId"] });
export type CreateConversationInput = z.input<typeof createConversationInput>;

/**
 * Opens a conversation for a contact in an inbox the actor can see, numbered with the account's
 * next display id, optionally with a first message.
 */
export async function createConversation(db: DbOrTx, actor: Actor, accountId: number, params: CreateConversationInput): Promise<ConversationSummary> {
  const access = await requireAccountAccess(db, actor, accountId);
  const created = await openConversation(db, access, accountId, params);
  return loadConversationSummary(db, accountId, created.id);
}

/**
 * createConversation for a caller that already holds the access and needs only the ids, not the
 * summary re-read for display: the email import, per message.
 */
export async function openConversation(
  db: DbOrTx,
  access: AccountAccess,
  accountId: number,
  params: CreateConversationInput,
): Promise<{ id: number; displayId: number; contactId: number }> {
  if (access.accountId !== accountId) throw invalid("The access is for another account");
  return inTransaction(db, (tx, afterCommit) => writeConversation(tx, access, params, undefined, afterCommit));
}

/**
 * The body of openConversation for a caller already inside its own transaction or savepoint (the
 * email import, one savepoint per message): no savepoint of its own. `known.contactInbox` is the
 * contact's row in the inbox when the caller has just found or created it in this transaction.
 * With `afterCommit`, conversation.created goes out after the outermost commit (live refresh).
 */
export async function writeConversation(
  tx: Tx,
  access: AccountAccess,
  params: CreateConversationInput,
  known?: { contactInbox: { id: number; contactId: number } },
  afterCommit?: AfterCommit,
): Promise<{ id: number; displayId: number; contactId: number }> {
  const { accountId } = access;
  const input = parseInput(createConversationInput, params);
  // The system with a contact_inboxes row of this account's inbox in hand: the inbox exists.
  if (!known || access.userId !== null) await assertInboxAccess(tx, access, input.inboxId);
  const contactInbox = known?.contactInbox ?? (await resolveContactInbox(tx, accountId, input.inboxId, input.contactId, input.sourceId));
  if (input.assigneeId) {
    const [member] = await tx
      .select({ id: inboxMembers.id })
      .from(inboxMembers)
      .where(and(eq(inboxMembers.accountId, accountId), eq(inboxMembers.inboxId, input.inboxId), eq(inboxMembers.userId, input.assigneeId)))
      .limit(1);
    if (!member) throw invalid("The assignee must be a member of the inbox");
  }
  // Row lock on the account serialises numbering: display ids are gap-free per account.
  const [account] = await tx
    .update(accounts)
    .set({ lastConversationDisplayId: sql`${accounts.lastConversationDisplayId} + 1` })
    .where(eq(accounts.id, accountId))
    .returning({ displayId: accounts.lastConversationDisplayId });
  if (!account) throw notFound("Account");
  // A bot answering the inbox takes new conversations first (lib/agent-bots/bot-status.ts).
  const status = await statusWithBot(tx, accountId, input.inboxId, input.status);
  const [created] = await tx
    .insert(conversations)
    .values(conversationRow(accountId, { ...input, status }, account.displayId, contactInbox))
    .returning({ id: conversations.id, displayId: conversations.displayId });
  // Registered before the first message's effects, so clients hear of the conversation first.
  if (afterCommit) {
    emitConversationCreated(afterCommit, { accountId, id: created.id });
    emitIntegrationEvent(afterCommit, { accountId, event: "conversation_created", conversationId: created.id });
    // A conversation opened resolved (a blocked contact's) is no news for the inbox.
    if (status !== "resolved") await notifyNewConversations(tx, afterCommit, accountId, [{ ...created, inboxId: input.inboxId, creatorUserId: access.userId }]);
    if (status === "open" && !input.assigneeId) requestAutoAssignment(afterCommit, { accountId, inboxId: input.inboxId });
  }
  if (input.message) {
    await appendMessage(tx, access, accountId, created.displayId, input.message);
  }
  return { id: created.id, displayId: created.displayId, contactId: contactInbox.contactId };
}

/**
 * The row of a new conversation from validated input (createConversationInput), its display id
 * and the contact's row in the inbox. Shared with the email import's batch writes.
 */
export function conversationRow(
  accountId: number,
  input: z.output<typeof createConversationInput>,
  displayId: number,
  contactInbox: { id: number; contactId: number },
): typeof conversations.$inferInsert {
  return {
    accountId,
    inboxId: input.inboxId,
    displayId,
    contactId: contactInbox.contactId,
    contactInboxId: contactInbox.id,
    status: input.status,
    snoozedUntil: input.status === "snoozed" ? (input.snoozedUntil ?? null) : null,
    assigneeId: input.assigneeId ?? null,
    additionalAttributes: input.additionalAttributes,
    customAttributes: input.customAttributes,
  };
}

async function resolveContactInbox(
  tx: DbOrTx,
  accountId: number,
  inboxId: number,
  contactId: number | undefined,
  sourceId: string | undefined,
): Promise<{ id: number; contactId: number }> {
  if (contactId !== undefined) {
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, contactId)))
      .limit(1);
    if (!contact) throw invalid("Contact not found");
  }
  const columns = { id: contactInboxes.id, contactId: contactInboxes.contactId };
  if (sourceId !== undefined) {
    const [existing] = await tx
      .select(columns)
      .from(contactInboxes)
      .where(and(eq(contactInboxes.accountId, accountId), eq(contactInboxes.inboxId, inboxId), eq(contactInboxes.sourceId, sourceId)))
      .limit(1);
    if (existing) {
      if (contactId !== undefined && existing.contactId !== contactId) throw invalid("source_id belongs to another contact");
      return existing;
    }
    if (contactId === undefined) throw invalid("No contact has this source_id in the inbox");
    const [created] = await tx.insert(contactInboxes).values({ accountId, inboxId, contactId, sourceId }).returning(columns);
    return created;
  }
  if (contactId === undefined) throw invalid("Give a contact_id or a source_id");
  const [existing] = await tx
    .select(columns)
    .from(contactInboxes)
    .where(and(eq(contactInboxes.accountId, accountId), eq(contactInboxes.inboxId, inboxId), eq(contactInboxes.contactId, contactId)))
    .limit(1);
  if (existing) return existing;
  const [created] = await tx.insert(contactInboxes).values({ accountId, inboxId, contactId, sourceId: randomUUID() }).returning(columns);
  return created;
}
