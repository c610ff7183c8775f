import { and, eq, isNotNull, or } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { channelApi, contactInboxes, conversations, inboxes } from "@/db/schema";
import type { AfterCommit } from "@/db/transaction";
import { serializeClientMessage, conversationFields } from "@/lib/api/serializers/client-api";
import { listMessageAttachments } from "@/lib/messages/get-attachment";
import { selectMessages } from "@/db/queries/messages";
import { systemActor } from "@/lib/auth/actor";
import { isPusherConfigured } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { contactChannel } from "./channels";
import { pusherClient } from "./publish";

const log = createLogger("realtime");

/**
 * Live events for Client API contacts (API inboxes), on `private-contact-{pubsub token}`: what
 * the contact may see of its own conversations — public messages (never private notes or
 * activity lines), status changes and agents typing — in the Client API's JSON shapes
 * (lib/api/serializers/client-api.ts), under Chatwoot's event names. A conversation's events go
 * to its own contact row's token, and to the tokens of the contact's verified rows in the same
 * inbox (those see all the contact's conversations there). Read and published after the commit;
 * a failure is logged, never thrown (the contact's client refetches when it reconnects).
 */
type Recipient = { pubsubToken: string; sourceId: string; inboxIdentifier: string };
type ContactEvent = { channel: string; name: string; data: unknown };

async function recipients(db: DbOrTx, conversation: { accountId: number; id: number }): Promise<{ recipients: Recipient[]; conversation: typeof conversations.$inferSelect } | null> {
  const [row] = await db
    .select({ conversation: conversations, identifier: channelApi.identifier })
    .from(conversations)
    .innerJoin(inboxes, and(eq(inboxes.accountId, conversations.accountId), eq(inboxes.id, conversations.inboxId), eq(inboxes.channelType, "api")))
    .innerJoin(channelApi, and(eq(channelApi.accountId, inboxes.accountId), eq(channelApi.id, inboxes.channelId)))
    .where(and(eq(conversations.accountId, conversation.accountId), eq(conversations.id, conversation.id)))
    .limit(1);
  if (!row) return null;
  const c = row.conversation;
  const ownRow = c.contactInboxId === null ? undefined : eq(contactInboxes.id, c.contactInboxId);
  const verifiedRows = and(eq(contactInboxes.contactId, c.contactId), eq(contactInboxes.hmacVerified, true));
  const rows = await db
    .select({ pubsubToken: contactInboxes.pubsubToken, sourceId: contactInboxes.sourceId })
    .from(contactInboxes)
    .where(
      and(
        eq(contactInboxes.accountId, c.accountId),
        eq(contactInboxes.inboxId, c.inboxId),
        isNotNull(contactInboxes.pubsubToken),
        ownRow ? or(ownRow, verifiedRows) : verifiedRows,
      ),
    );
  return {
    conversation: c,
    recipients: rows.flatMap((r) => (r.pubsubToken ? [{ pubsubToken: r.pubsubToken, sourceId: r.sourceId, inboxIdentifier: row.identifier }] : [])),
  };
}

async function publish(events: ContactEvent[]): Promise<void> {
  const pusher = pusherClient();
  if (!pusher || events.length === 0) return;
  try {
    for (let i = 0; i < events.length; i += 10) await pusher.triggerBatch(events.slice(i, i + 10));
  } catch (error) {
    log.error("could not publish contact events", { events: events.map((e) => e.name).join(","), error: String(error) });
  }
}

/** Pusher refuses events over 10 KB: a long message goes out without its content, marked partial (refetch it). */
function fit(data: Record<string, unknown>): Record<string, unknown> {
  if (JSON.stringify(data).length <= 9_000) return data;
  return { ...data, content: null, content_attributes: {}, partial: true };
}

async function messageEvents(ids: { accountId: number; conversationId: number; messageId: number; echoId?: string }, name: string): Promise<ContactEvent[]> {
  const db = getDb();
  // One query for a message of any other inbox (email): it has no contact channel.
  const found = await recipients(db, { accountId: ids.accountId, id: ids.conversationId });
  if (!found || found.recipients.length === 0) return [];
  const [message] = await selectMessages(db, ids.accountId, ids.conversationId, { ids: [ids.messageId], limit: 1 });
  // Private notes and activity lines are for agents only.
  if (!message || message.private || message.messageType === "activity") return [];
  const files = await listMessageAttachments(db, systemActor("contact realtime"), ids.accountId, [ids.messageId]);
  const withFiles = { ...message, attachments: files.get(message.id) ?? [] };
  return found.recipients.map((r) => ({
    channel: contactChannel(r.pubsubToken),
    name,
    data: fit({ ...serializeClientMessage(withFiles, r), ...(ids.echoId ? { echo_id: ids.echoId } : {}), conversation: conversationFields(found.conversation) }),
  }));
}

const afterLoaded = (afterCommit: AfterCommit, load: () => Promise<ContactEvent[]>) =>
  afterCommit(async () => {
    if (!isPusherConfigured()) return;
    await publish(await load());
  });

/** message.created for the contact (registered by writeMessage for every message; only public ones of API inboxes go out). */
export function emitContactMessageCreated(afterCommit: AfterCommit, ids: { accountId: number; conversationId: number; messageId: number; echoId?: string }): void {
  afterLoaded(afterCommit, () => messageEvents(ids, "message.created"));
}

export function emitContactMessageUpdated(afterCommit: AfterCommit, ids: { accountId: number; conversationId: number; messageId: number }): void {
  afterLoaded(afterCommit, () => messageEvents(ids, "message.updated"));
}

/** conversation.status_changed for the contact, with the conversation's new status. */
export function emitContactStatusChanged(afterCommit: AfterCommit, conversation: { accountId: number; id: number }): void {
  afterLoaded(afterCommit, async () => {
    const found = await recipients(getDb(), conversation);
    if (!found) return [];
    const data = conversationFields(found.conversation);
    return found.recipients.map((r) => ({ channel: contactChannel(r.pubsubToken), name: "conversation.status_changed", data }));
  });
}

/**
 * An agent typing a public reply: `conversation.typing_on` / `typing_off` for the contact, with
 * the agent's name. Typing a private note tells the contact nothing.
 */
export async function publishAgentTypingToContact(
  conversation: { accountId: number; id: number },
  user: { id: number; name: string },
  status: "on" | "off",
  isPrivate: boolean,
): Promise<void> {
  if (isPrivate || !isPusherConfigured()) return;
  const found = await recipients(getDb(), conversation);
  if (!found) return;
  const data = { conversation: { id: found.conversation.displayId }, user: { id: user.id, name: user.name, type: "user" }, is_private: false };
  await publish(found.recipients.map((r) => ({ channel: contactChannel(r.pubsubToken), name: `conversation.typing_${status}`, data })));
}

/** The contact typing: lib/realtime/typing.ts (the inbox's agents and the narrowed members who may see it). */
export { publishContactTyping as emitContactTyping } from "./typing";
