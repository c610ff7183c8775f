import { randomUUID } from "node:crypto";
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inTransaction } from "@/db/transaction";
import { integrationDeliveries, integrationDeliveryAttempts, type IntegrationDelivery, type IntegrationDeliveryAttempt } from "@/db/schema";
import { invalid, notFound } from "@/lib/errors";
import { integrationDeliveryRequested } from "@/lib/jobs/events";
import { sendEvent } from "@/lib/jobs/send";
import { deliveryOrderKey, newDeliveryId } from "./fan-out";
import type { TargetType } from "../targets/registry";

/**
 * The delivery log, redeliver and test events, for any target kind: callers authorize first (the
 * webhooks page: administrators) and name the target as (type, id). Every function is scoped by
 * account and target, so a delivery of another target cannot be read or resent through this one.
 */
export type Target = { accountId: number; targetType: TargetType; targetId: number };

export type DeliveryLogEntry = Pick<
  IntegrationDelivery,
  "id" | "deliveryId" | "event" | "status" | "attempts" | "nextAttemptAt" | "lastStatusCode" | "lastError" | "isTest" | "createdAt" | "deliveredAt"
> & { attemptLog: Pick<IntegrationDeliveryAttempt, "attempt" | "startedAt" | "statusCode" | "latencyMs" | "responseExcerpt" | "error" | "succeeded">[]; body: string };

export const LOG_PAGE_SIZE = 50;

const ofTarget = (t: Target) =>
  and(eq(integrationDeliveries.accountId, t.accountId), eq(integrationDeliveries.targetType, t.targetType), eq(integrationDeliveries.targetId, t.targetId));

/** Newest first; `failedOnly`: only deliveries that failed for good; `beforeId`: the next page. */
export async function listDeliveries(db: DbOrTx, target: Target, options: { failedOnly?: boolean; beforeId?: number; limit?: number } = {}): Promise<DeliveryLogEntry[]> {
  const rows = await db
    .select()
    .from(integrationDeliveries)
    .where(and(ofTarget(target), options.failedOnly ? eq(integrationDeliveries.status, "failed") : undefined, options.beforeId ? lt(integrationDeliveries.id, options.beforeId) : undefined))
    .orderBy(desc(integrationDeliveries.id))
    .limit(Math.min(options.limit ?? LOG_PAGE_SIZE, 200));
  if (rows.length === 0) return [];
  const attempts = await db
    .select()
    .from(integrationDeliveryAttempts)
    .where(and(eq(integrationDeliveryAttempts.accountId, target.accountId), inArray(integrationDeliveryAttempts.deliveryRowId, rows.map((r) => r.id))))
    .orderBy(integrationDeliveryAttempts.deliveryRowId, integrationDeliveryAttempts.attempt);
  return rows.map((r) => ({
    id: r.id,
    deliveryId: r.deliveryId,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    isTest: r.isTest,
    createdAt: r.createdAt,
    deliveredAt: r.deliveredAt,
    body: r.body,
    attemptLog: attempts
      .filter((a) => a.deliveryRowId === r.id)
      .map((a) => ({ attempt: a.attempt, startedAt: a.startedAt, statusCode: a.statusCode, latencyMs: a.latencyMs, responseExcerpt: a.responseExcerpt, error: a.error, succeeded: a.succeeded })),
  }));
}

/**
 * Sends a delivery again, with the same delivery id and body, on a fresh round of the retry
 * schedule. Not while it is still being delivered or waiting for a retry.
 */
export async function redeliver(db: DbOrTx, target: Target, deliveryRowId: number): Promise<void> {
  await inTransaction(db, async (tx, afterCommit) => {
    const [row] = await tx
      .update(integrationDeliveries)
      .set({ status: "pending", roundAttempts: 0, round: sql`${integrationDeliveries.round} + 1`, nextAttemptAt: null, updatedAt: sql`now()` })
      .where(and(ofTarget(target), eq(integrationDeliveries.id, deliveryRowId), inArray(integrationDeliveries.status, ["failed", "succeeded"])))
      .returning();
    if (!row) {
      const [exists] = await tx.select({ id: integrationDeliveries.id }).from(integrationDeliveries).where(and(ofTarget(target), eq(integrationDeliveries.id, deliveryRowId)));
      throw exists ? invalid("This delivery is still being delivered") : notFound("Delivery");
    }
    afterCommit(() => requestDelivery(row));
  });
}

/** Redelivers every delivery of the target that failed for good since `since`; returns how many. */
export async function redeliverFailedSince(db: DbOrTx, target: Target, since: Date): Promise<number> {
  if (Number.isNaN(since.getTime())) throw invalid("Choose a valid time");
  return inTransaction(db, async (tx, afterCommit) => {
    const rows = await tx
      .update(integrationDeliveries)
      .set({ status: "pending", roundAttempts: 0, round: sql`${integrationDeliveries.round} + 1`, nextAttemptAt: null, updatedAt: sql`now()` })
      .where(and(ofTarget(target), eq(integrationDeliveries.status, "failed"), gte(integrationDeliveries.createdAt, since)))
      .returning();
    // Oldest first, so a receiver that keeps up gets them in the order they happened.
    rows.sort((a, b) => a.id - b.id);
    afterCommit(async () => {
      for (const row of rows) await requestDelivery(row);
    });
    return rows.length;
  });
}

/** Queues a `webhook_test` delivery to the target (the "Send test event" button). */
export async function sendTestDelivery(db: DbOrTx, target: Target, payload: Record<string, unknown>): Promise<IntegrationDelivery> {
  return inTransaction(db, async (tx, afterCommit) => {
    const [row] = await tx
      .insert(integrationDeliveries)
      .values({
        deliveryId: newDeliveryId(),
        accountId: target.accountId,
        targetType: target.targetType,
        targetId: target.targetId,
        sourceEventId: `test_${randomUUID()}`,
        event: "webhook_test",
        body: JSON.stringify({ event: "webhook_test", ...payload }),
        isTest: true,
      })
      .returning();
    afterCommit(() => requestDelivery(row));
    return row;
  });
}

function requestDelivery(row: IntegrationDelivery): Promise<void> {
  return sendEvent(
    integrationDeliveryRequested.create(
      { accountId: row.accountId, deliveryRowId: row.id, orderKey: deliveryOrderKey(row) },
      { id: `deliver-${row.id}-round-${row.round}` },
    ),
  );
}
