import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, conversations, inboxes, messages, reportingEvents } from "@/db/schema";
import type { Schedule } from "@/lib/business-hours/schedule";
import { createLogger } from "@/lib/logger";
import { deriveReportingEvents, type DerivedEvent, type HistoryMessage } from "./derive";

const log = createLogger("reports");

/** The integration events after which a conversation's reporting events may have grown. */
const RECORDING_EVENTS = new Set(["conversation_created", "message_created", "conversation_status_changed"]);

/**
 * After-commit hook (lib/integrations/emit.ts, beside the automation recorder): re-derives the
 * conversation's events from its committed history and inserts the new ones. Never throws: the
 * backfill (`npm run cli -- reports:backfill`) writes whatever a failure lost, under the same keys.
 */
export async function recordReportingEventsAfterCommit(db: DbOrTx, data: { accountId: number; event: string; conversationId?: number }): Promise<void> {
  if (!RECORDING_EVENTS.has(data.event) || !data.conversationId) return;
  try {
    await recordConversationReportingEvents(db, data.accountId, [data.conversationId]);
  } catch (error) {
    log.error("could not record reporting events", { accountId: data.accountId, conversationId: data.conversationId, error: String(error) });
  }
}

/**
 * Derives and stores the reporting events of these conversations (one account). Idempotent: a
 * key already stored is left as it is (a figure is kept as it was measured, e.g. under the
 * business hours of that day). Returns how many rows were new.
 */
export async function recordConversationReportingEvents(db: DbOrTx, accountId: number, conversationIds: readonly number[]): Promise<number> {
  if (conversationIds.length === 0) return 0;
  const convs = await db
    .select({
      id: conversations.id,
      inboxId: conversations.inboxId,
      assigneeId: conversations.assigneeId,
      createdAt: conversations.createdAt,
      workingHoursEnabled: inboxes.workingHoursEnabled,
      inboxHours: inboxes.businessHours,
      accountHours: accounts.businessHours,
    })
    .from(conversations)
    .innerJoin(inboxes, and(eq(inboxes.accountId, conversations.accountId), eq(inboxes.id, conversations.inboxId)))
    .innerJoin(accounts, eq(accounts.id, conversations.accountId))
    .where(and(eq(conversations.accountId, accountId), inArray(conversations.id, [...conversationIds])));
  if (convs.length === 0) return 0;
  const rows = await db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      messageType: messages.messageType,
      private: messages.private,
      senderType: messages.senderType,
      senderId: messages.senderId,
      autoReply: sql<boolean>`coalesce((${messages.contentAttributes}->>'auto_reply')::boolean, false)`,
      content: sql<string | null>`case when ${messages.messageType} = 'activity' then ${messages.content} end`,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), inArray(messages.conversationId, convs.map((c) => c.id))))
    .orderBy(asc(messages.conversationId), asc(messages.id));
  const byConversation = new Map<number, HistoryMessage[]>();
  for (const row of rows) {
    const list = byConversation.get(row.conversationId) ?? [];
    list.push(row);
    byConversation.set(row.conversationId, list);
  }
  const events: DerivedEvent[] = [];
  for (const c of convs) {
    events.push(...deriveReportingEvents(c, byConversation.get(c.id) ?? [], scheduleFor(c)));
  }
  let inserted = 0;
  // Bounded statements (postgres' parameter limit).
  for (let i = 0; i < events.length; i += 1000) {
    const chunk = events.slice(i, i + 1000).map((e) => ({ ...e, accountId }));
    const result = await db.insert(reportingEvents).values(chunk).onConflictDoNothing({ target: [reportingEvents.accountId, reportingEvents.key] }).returning({ id: reportingEvents.id });
    inserted += result.length;
  }
  return inserted;
}

/**
 * Whose business hours count: the inbox's own when it has them switched on, else the account's,
 * else none (durations in business hours then equal the plain ones: open around the clock).
 */
export function scheduleFor(c: { workingHoursEnabled: boolean; inboxHours: Schedule | null; accountHours: Schedule | null }): Schedule | null {
  return (c.workingHoursEnabled ? c.inboxHours : null) ?? c.accountHours ?? null;
}
