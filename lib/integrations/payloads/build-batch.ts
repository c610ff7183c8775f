import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, attachments, contactInboxes, contacts, conversations } from "@/db/schema";
import { selectMessages } from "@/db/queries/messages";
import { selectConversationSummaries } from "@/db/queries/conversation-summaries";
import { serializeAttachment } from "@/lib/api/serializers/attachment";
import type { IntegrationEventData } from "../events";
import { buildIntegrationPayload, type BuiltPayload } from "./build";
import { conversationData, messageData, senderData } from "./shapes";
import { assigneesAtMessages, atMessage } from "./state-at-message";

/**
 * The payloads of a batch of integration events (a fan-out run takes several queued events): the
 * message events of an account — the frequent ones — are built from SIX reads for the whole batch
 * (account, messages, conversations; then contact inboxes, contacts, attachments; a seventh for
 * assignees changed since their messages), whatever its size; other events are built one by one (buildIntegrationPayload), in parallel. The result is
 * what buildIntegrationPayload gives for each event, in input order.
 */
export async function buildIntegrationPayloads(db: DbOrTx, list: IntegrationEventData[]): Promise<(BuiltPayload | null)[]> {
  const isMessage = (d: IntegrationEventData) => (d.event === "message_created" || d.event === "message_updated") && !!d.conversationId && !!d.messageId;
  const byAccount = new Map<number, IntegrationEventData[]>();
  for (const d of list) if (isMessage(d)) byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d]);
  const built = new Map<IntegrationEventData, BuiltPayload | null>();
  await Promise.all([
    ...[...byAccount].map(async ([accountId, events]) => {
      const payloads = events.length === 1 ? [await buildIntegrationPayload(db, events[0])] : await buildMessagePayloads(db, accountId, events);
      events.forEach((d, i) => built.set(d, payloads[i]));
    }),
    ...list.filter((d) => !isMessage(d)).map(async (d) => built.set(d, await buildIntegrationPayload(db, d))),
  ]);
  return list.map((d) => built.get(d) ?? null);
}

async function buildMessagePayloads(db: DbOrTx, accountId: number, events: IntegrationEventData[]): Promise<(BuiltPayload | null)[]> {
  const messageIds = [...new Set(events.map((d) => d.messageId as number))];
  const conversationIds = [...new Set(events.map((d) => d.conversationId as number))];
  const [[account], messageRows, summaries] = await Promise.all([
    db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)),
    selectMessages(db, accountId, null, { ids: messageIds, limit: messageIds.length }),
    selectConversationSummaries(db, accountId, inArray(conversations.id, conversationIds), sql``),
  ]);
  if (!account) return events.map(() => null);
  const contactIds = new Set(summaries.map((s) => s.contact.id));
  for (const m of messageRows) if (m.sender?.type === "contact") contactIds.add(m.sender.id);
  const contactInboxIds = summaries.flatMap((s) => (s.contactInboxId ? [s.contactInboxId] : []));
  const [inboxRows, contactRows, files, assignees] = await Promise.all([
    contactInboxIds.length > 0 ? db.select().from(contactInboxes).where(and(eq(contactInboxes.accountId, accountId), inArray(contactInboxes.id, contactInboxIds))) : [],
    contactIds.size > 0 ? db.select().from(contacts).where(and(eq(contacts.accountId, accountId), inArray(contacts.id, [...contactIds]))) : [],
    db
      .select({ id: attachments.id, messageId: attachments.messageId, fileName: attachments.fileName, contentType: attachments.contentType, byteSize: attachments.byteSize })
      .from(attachments)
      .where(and(eq(attachments.accountId, accountId), inArray(attachments.messageId, messageIds)))
      .orderBy(attachments.id),
    assigneesAtMessages(db, events.map((d) => ({ state: d.conversationState, summary: summaries.find((s) => s.id === d.conversationId) }))),
  ]);
  const messageById = new Map(messageRows.map((m) => [m.id, m]));
  const summaryById = new Map(summaries.map((s) => [s.id, s]));
  const contactInboxById = new Map(inboxRows.map((r) => [r.id, r]));
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  return events.map((d) => {
    const message = messageById.get(d.messageId as number);
    const current = summaryById.get(d.conversationId as number);
    if (!message || message.messageType === "activity" || !current || message.conversationId !== current.id) return null;
    const summary = atMessage(current, d.conversationState, assignees);
    const conversationContact = contactById.get(summary.contact.id) ?? null;
    const conversation = conversationData(summary, { account, contactInbox: (summary.contactInboxId && contactInboxById.get(summary.contactInboxId)) || null, contact: conversationContact });
    const contact = message.sender?.type === "contact" ? (contactById.get(message.sender.id) ?? null) : null;
    const body = messageData(message, { account, inbox: summary.inbox, conversation, sender: senderData(message.sender, contact, account) });
    body.attachments = files.filter((a) => a.messageId === message.id).map((a) => serializeAttachment(accountId, a));
    return { payload: { event: d.event, ...body }, inboxId: summary.inboxId, conversationId: summary.id };
  });
}
