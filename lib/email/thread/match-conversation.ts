import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contacts, conversationParticipants, conversations, emailDeliveries, messages } from "@/db/schema";
import { parseOurMessageId, parseReplyAddress } from "@/lib/email/ids";
import type { ParsedEmail } from "@/lib/email/types";

/**
 * The one threading engine (docs/email.md, Threading) for every inbound path, scoped to one inbox of one
 * account. In order:
 *   1. our own markers: a reply+<uuid> address among To/Cc/Delivered-To/X-Original-To, or one of
 *      our Message-IDs (conversation/<uuid>/messages/<id>@domain) in In-Reply-To or References;
 *   2. In-Reply-To ids against the stored Message-IDs of the inbox (incoming and outgoing);
 *   3. References ids, newest first, same lookup;
 *   4. a subject tag [#<display id>], only when the sender is that conversation's contact or a
 *      participant;
 *   5. otherwise nothing: the caller opens a new conversation. Subject text alone never threads.
 */
export type ThreadStrategy = "reply_address" | "our_message_id" | "in_reply_to" | "references" | "subject_tag";
/** The matched conversation as the import needs it; found with the match when the lookup had it at hand. */
export type ThreadConversation = { id: number; displayId: number; contactId: number; contactEmail: string | null };
export type ThreadMatch = { conversationId: number; strategy: ThreadStrategy; conversation?: ThreadConversation };
export type ThreadScope = { accountId: number; inboxId: number };

type Threadable = Pick<ParsedEmail, "to" | "cc" | "envelopeRecipients" | "inReplyTo" | "references" | "subject" | "from">;

// A hostile message could list thousands of ids; real chains are short.
const MAX_IDS = 100;

/**
 * `known`: Message-ID → conversation already looked up for a whole import batch (and kept up to
 * date with the batch's own messages); without it, one lookup for this message.
 */
export async function matchConversation(db: DbOrTx, scope: ThreadScope, email: Threadable, known?: Map<string, ThreadConversation>): Promise<ThreadMatch | null> {
  const ours = await byOurMarkers(db, scope, email);
  if (ours) return ours;

  const { inReplyTo, references } = idLists(email);
  // One lookup for both lists; In-Reply-To still wins over References, in the order given.
  const stored = known ?? (await storedMessageIds(db, scope, threadIds(email)));
  const byReply = firstFound(stored, inReplyTo);
  if (byReply !== null) return { conversationId: byReply.id, strategy: "in_reply_to", conversation: byReply };
  const byReferences = firstFound(stored, references);
  if (byReferences !== null) return { conversationId: byReferences.id, strategy: "references", conversation: byReferences };

  const sender = email.from?.address.toLowerCase();
  const tagged = subjectTag(email.subject);
  if (sender && tagged !== null) {
    const conversationId = await bySubjectTag(db, scope, tagged, sender);
    if (conversationId !== null) return { conversationId, strategy: "subject_tag" };
  }
  return null;
}

function idLists(email: Pick<Threadable, "inReplyTo" | "references">): { inReplyTo: string[]; references: string[] } {
  // References lists the oldest first: the newest id is the best evidence of the thread.
  return { inReplyTo: unique(email.inReplyTo).slice(0, MAX_IDS), references: unique([...email.references].reverse()).slice(0, MAX_IDS) };
}

/** Every Message-ID the thread lookup of this email reads. */
export function threadIds(email: Pick<Threadable, "inReplyTo" | "references">): string[] {
  const { inReplyTo, references } = idLists(email);
  return unique([...inReplyTo, ...references]);
}

/** `[#123]` anywhere in the subject (the last one wins: "Re: [#12] Fwd: [#34]" is about 34). */
export function subjectTag(subject: string): number | null {
  const tags = [...subject.matchAll(/\[#(\d{1,9})\]/g)];
  const last = tags.at(-1);
  return last ? Number(last[1]) : null;
}

async function byOurMarkers(db: DbOrTx, scope: ThreadScope, email: Threadable): Promise<ThreadMatch | null> {
  const recipients = [...email.to.map((a) => a.address), ...email.cc.map((a) => a.address), ...email.envelopeRecipients];
  const replyUuids = unique(recipients.map((a) => parseReplyAddress(a)?.conversationUuid ?? null));
  const idUuids = unique([...email.inReplyTo, ...[...email.references].reverse()].map((id) => parseOurMessageId(id)?.conversationUuid ?? null));
  for (const [uuids, strategy] of [
    [replyUuids, "reply_address"],
    [idUuids, "our_message_id"],
  ] as const) {
    for (const uuid of uuids.slice(0, MAX_IDS)) {
      const [row] = await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.accountId, scope.accountId), eq(conversations.inboxId, scope.inboxId), eq(conversations.uuid, uuid)))
        .limit(1);
      if (row) return { conversationId: row.id, strategy };
    }
  }
  return null;
}

/**
 * Message-ID → conversation (with its contact's address) for the ids stored on a message of this
 * inbox: incoming and outgoing messages (source_id), and our sends by their delivery record (set
 * before the transport is called). One statement; a message row wins over a delivery record.
 */
export async function storedMessageIds(db: DbOrTx, scope: ThreadScope, ids: string[]): Promise<Map<string, ThreadConversation>> {
  const found = new Map<string, ThreadConversation>();
  if (ids.length === 0) return found;
  const withConversation = {
    id: conversations.id,
    displayId: conversations.displayId,
    contactId: conversations.contactId,
    contactEmail: contacts.email,
  };
  const conversationOf = and(eq(conversations.accountId, messages.accountId), eq(conversations.id, messages.conversationId));
  const contactOf = and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId));
  const stored = db
    .select({ sourceId: messages.sourceId, ...withConversation, rank: sql<number>`0`.as("rank") })
    .from(messages)
    .innerJoin(conversations, conversationOf)
    .innerJoin(contacts, contactOf)
    .where(and(eq(messages.inboxId, scope.inboxId), eq(messages.accountId, scope.accountId), inArray(messages.sourceId, ids)));
  const sent = db
    .select({ sourceId: emailDeliveries.internetMessageId, ...withConversation, rank: sql<number>`1`.as("rank") })
    .from(emailDeliveries)
    .innerJoin(messages, and(eq(messages.accountId, emailDeliveries.accountId), eq(messages.id, emailDeliveries.messageId)))
    .innerJoin(conversations, conversationOf)
    .innerJoin(contacts, contactOf)
    .where(
      and(
        eq(emailDeliveries.inboxId, scope.inboxId),
        eq(emailDeliveries.accountId, scope.accountId),
        inArray(emailDeliveries.internetMessageId, ids),
      ),
    );
  const rows = await stored.unionAll(sent);
  rows.sort((a, b) => Number(a.rank) - Number(b.rank));
  for (const { sourceId, rank: _rank, ...conversation } of rows) if (sourceId !== null && !found.has(sourceId)) found.set(sourceId, conversation);
  return found;
}

/** The conversation of the first id (in the order given) that is stored. */
function firstFound(stored: Map<string, ThreadConversation>, ids: string[]): ThreadConversation | null {
  for (const id of ids) {
    const conversation = stored.get(id);
    if (conversation !== undefined) return conversation;
  }
  return null;
}

async function bySubjectTag(db: DbOrTx, scope: ThreadScope, displayId: number, sender: string): Promise<number | null> {
  const contactIsSender = sql`exists (select 1 from ${contacts} c where c.account_id = ${conversations.accountId} and c.id = ${conversations.contactId} and lower(c.email) = ${sender})`;
  const participantIsSender = sql`exists (
    select 1 from ${conversationParticipants} p join ${contacts} c on c.account_id = p.account_id and c.id = p.contact_id
    where p.account_id = ${conversations.accountId} and p.conversation_id = ${conversations.id} and lower(c.email) = ${sender})`;
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.accountId, scope.accountId),
        eq(conversations.inboxId, scope.inboxId),
        eq(conversations.displayId, displayId),
        or(contactIsSender, participantIsSender),
      ),
    )
    .limit(1);
  return row ? row.id : null;
}

function unique<T>(values: (T | null)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== null))];
}
