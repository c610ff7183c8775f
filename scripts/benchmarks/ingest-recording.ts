import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { automationEvents } from "@/db/schema";
import { recordAutomationEventsInTransaction, type RecordedEvent } from "@/lib/automation/record-event";
import type { cpuMeter } from "./proc-cpu";
import type { Cpu } from "./ingest-rules-report";

type Meter = ReturnType<typeof cpuMeter<"node" | "postgres" | "dovecot">>;

/**
 * What recording the import's events for the rules costs, measured on its own: the import with
 * rules differs from the one without by this recording (an insert per import batch of its rule
 * events, inside the batch's transaction), which the difference of two imports cannot show (their
 * CPU moves by 15-30 % between rounds). After the import, its recorded events are read back and
 * recorded again through the same function, batch by batch (a batch's events share their
 * created_at: the transaction's start), in one transaction rolled back at the end. Only the
 * recording calls are metered. It slightly overstates the import's own: the rows it deletes first
 * (so the replay inserts into the same index state) leave dead index entries behind.
 */
export async function replayRecording(db: Db, accountId: number, meter: Meter): Promise<{ cpu: Cpu; events: number; batches: number }> {
  const rows = await db
    .select({ eventName: automationEvents.eventName, conversationId: automationEvents.conversationId, messageId: automationEvents.messageId, changedAttributes: automationEvents.changedAttributes, createdAt: automationEvents.createdAt })
    .from(automationEvents)
    .where(and(eq(automationEvents.accountId, accountId), eq(automationEvents.depth, 0)))
    .orderBy(asc(automationEvents.id));
  const batches = new Map<number, RecordedEvent[]>();
  for (const row of rows) {
    const event = sourceEvent(row.eventName);
    if (!event) continue;
    const batch = batches.get(row.createdAt.getTime()) ?? [];
    batch.push({
      accountId,
      event,
      conversationId: row.conversationId ?? undefined,
      messageId: row.messageId ?? undefined,
      changedAttributes: (row.changedAttributes as RecordedEvent["changedAttributes"]) ?? undefined,
    });
    batches.set(row.createdAt.getTime(), batch);
  }
  let cpu: Cpu | undefined;
  const rollback = new Error("replay rolled back");
  await db
    .transaction(async (tx) => {
      await tx.delete(automationEvents).where(eq(automationEvents.accountId, accountId));
      const before = meter.read();
      for (const batch of batches.values()) await recordAutomationEventsInTransaction(tx, () => undefined, accountId, batch);
      const after = meter.read();
      cpu = { node: after.node - before.node, postgres: after.postgres - before.postgres, dovecot: after.dovecot - before.dovecot, total: after.total - before.total };
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return { cpu: cpu!, events: rows.length, batches: batches.size };
}

/** The change an import reported for a stored rule event (a status change is stored as opened or resolved). */
function sourceEvent(eventName: string): string | null {
  if (["conversation_created", "message_created", "conversation_updated"].includes(eventName)) return eventName;
  if (eventName === "conversation_opened" || eventName === "conversation_resolved") return "conversation_status_changed";
  return null; // snooze_ended comes with its conversation_opened from the same change
}
