import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { messages } from "@/db/schema";
import type { AfterCommit, CommitScope } from "@/db/transaction";
import { integrationEventEmitted } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { recordAutomationEvent } from "@/lib/automation/record-event";
import { recordReportingEventsAfterCommit } from "@/lib/reports/record";
import type { IntegrationEventData } from "./events";
import { accountHasAnyTargets } from "./targets";

/**
 * The one emission point for integration events (webhooks, API-channel callbacks, agent bots).
 * Domain functions call it inside their transaction, next to their realtime emit; it registers an
 * effect that, after the OUTERMOST commit, queues `integrations/event.emitted` with the ids and
 * what changed. Nothing is built or sent when the transaction rolls back, and the payload is
 * built by the job from committed data (lib/integrations/payloads/build.ts).
 */
export function emitIntegrationEvent(
  afterCommit: AfterCommit,
  data: Omit<IntegrationEventData, "occurredAt">,
  /** What the transaction already read of "does the account have any target?", when it asked. */
  known?: { hasTargets: boolean },
): void {
  afterCommit((commit) => sendIntegrationEvent({ ...data, occurredAt: Date.now() }, known?.hasTargets ?? commit));
}

/**
 * Queues an integration event now (for code that is already past its commit). An account with no
 * integration target at all sends nothing (one statement, asked once per commit: `targets` is the
 * commit's shared reads, or the answer its transaction already read); an account with active
 * automation rules records it for them.
 */
export async function sendIntegrationEvent(data: IntegrationEventData, targets?: CommitScope | boolean): Promise<void> {
  const hasAnyTargets =
    typeof targets === "boolean"
      ? Promise.resolve(targets)
      : targets
        ? targets.once(`integration-targets:${data.accountId}`, () => accountHasAnyTargets(getDb(), data.accountId))
        : accountHasAnyTargets(getDb(), data.accountId);
  // Automation rules and reports hear the same committed changes (lib/automation/record-event.ts, lib/reports/record.ts).
  const [hasTargets] = await Promise.all([
    hasAnyTargets,
    recordAutomationEvent(getDb(), data),
    recordReportingEventsAfterCommit(getDb(), data),
  ]);
  if (!hasTargets) return;
  await sendEvent(
    integrationEventEmitted.create(
      { ...data, orderKey: orderKeyOf(data) },
      // A stable id: Inngest (and the embedded runner) create its runs once even if it is sent twice.
      { id: `ie_${randomUUID()}` },
    ),
  );
}

/** One conversation's (or contact's) events share a key, so their fan-outs run in order. */
export function orderKeyOf(data: Pick<IntegrationEventData, "accountId" | "conversationId" | "contactId">): string {
  if (data.conversationId) return `${data.accountId}:conversation:${data.conversationId}`;
  if (data.contactId) return `${data.accountId}:contact:${data.contactId}`;
  return `${data.accountId}:account`;
}

/**
 * message_updated for code that knows only the message (a delivery result, a bounce): its
 * conversation is looked up after the commit, so its events keep their order.
 */
export function emitIntegrationMessageUpdated(afterCommit: AfterCommit, ids: { accountId: number; messageId: number }): void {
  afterCommit(async () => {
    const [row] = await getDb()
      .select({ conversationId: messages.conversationId })
      .from(messages)
      .where(and(eq(messages.accountId, ids.accountId), eq(messages.id, ids.messageId)));
    if (row) await sendIntegrationEvent({ ...ids, event: "message_updated", conversationId: row.conversationId, occurredAt: Date.now() });
  });
}
