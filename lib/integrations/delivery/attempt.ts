import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrationDeliveries, integrationDeliveryAttempts, type IntegrationDelivery } from "@/db/schema";
import { createLogger } from "@/lib/logger";
import { cappedText, errorText } from "@/lib/storable-text";
import { targetKind } from "../targets";
import type { ResolvedTarget } from "../targets/registry";
import { sendSigned, type SendResult } from "./http";
import { deliveryTiming } from "./timing";

const log = createLogger("integrations");

/**
 * One attempt of one delivery, exactly once per claim. The row is claimed with a status change
 * (pending → delivering) in one UPDATE, so a duplicate or concurrent run finds nothing to claim
 * and a delivery that succeeded is never sent again. Every attempt is logged with its status
 * code, latency, answer excerpt and error in words. Then:
 *   - 2xx: succeeded;
 *   - timeouts, connection errors, 408, 409, 429 and 5xx: retried on the schedule (429's
 *     Retry-After is waited for when longer) until the attempts run out;
 *   - anything else (other 4xx, a redirect, a refused address): failed at once.
 * A failure for good calls the target kind's onFinalFailure (webhooks may get disabled; bots hand
 * the conversation to humans).
 */
export type AttemptOutcome =
  | { status: "succeeded"; statusCode: number }
  | { status: "retrying"; retryAt: string; reason: string }
  | { status: "failed"; reason: string }
  | { status: "skipped"; reason: "not_found" | "in_progress" | "succeeded" | "failed" };

/** Answers that may succeed later (Svix's rule); every other non-2xx is final. */
const RETRYABLE_STATUS = new Set([408, 409, 429]);
export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUS.has(status) || status >= 500;

export async function attemptDelivery(db: Db, deliveryRowId: number): Promise<AttemptOutcome> {
  const timing = deliveryTiming();
  const [delivery] = await db
    .update(integrationDeliveries)
    .set({ status: "delivering", attempts: sql`${integrationDeliveries.attempts} + 1`, roundAttempts: sql`${integrationDeliveries.roundAttempts} + 1`, nextAttemptAt: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(integrationDeliveries.id, deliveryRowId),
        sql`((${integrationDeliveries.status} = 'pending' and (${integrationDeliveries.nextAttemptAt} is null or ${integrationDeliveries.nextAttemptAt} <= now() + interval '1 second')) or (${integrationDeliveries.status} = 'delivering' and ${integrationDeliveries.updatedAt} < now() - make_interval(secs => ${timing.leaseMs / 1000})))`,
      ),
    )
    .returning();
  if (!delivery) return skipped(db, deliveryRowId);
  const kind = targetKind(delivery.targetType);
  return attemptClaimed(db, delivery, kind ? await kind.resolve(db, delivery.accountId, delivery.targetId) : null);
}

/**
 * The attempt of a delivery the caller has claimed (status delivering, this attempt counted):
 * attemptDelivery's claim, or the fan-out's insert of a delivery it attempts at once. `target`:
 * where to send, null when the target is gone.
 */
export async function attemptClaimed(db: Db, delivery: IntegrationDelivery, target: ResolvedTarget | null): Promise<AttemptOutcome> {
  const timing = deliveryTiming();
  if (!targetKind(delivery.targetType) || !target) return finish(db, delivery, null, null, { kind: "final", reason: "The target was deleted" });
  // A test event still goes out: it is how an administrator checks a fixed receiver before re-enabling.
  if (target.disabledReason && !delivery.isTest) return finish(db, delivery, target, null, { kind: "final", reason: target.disabledReason });

  const result = await sendSigned({ url: target.url, deliveryId: delivery.deliveryId, body: delivery.body, secrets: target.secrets, timeoutMs: timing.timeoutMs });
  const delays = target.retryDelaysMs ?? timing.retryDelaysMs;
  return finish(db, delivery, target, result, classify(result, delivery.roundAttempts, delays));
}

type Decision = { kind: "succeeded" } | { kind: "retry"; retryAt: Date; reason: string } | { kind: "final"; reason: string };

function classify(result: SendResult, roundAttempts: number, delays: readonly number[]): Decision {
  if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300) return { kind: "succeeded" };
  const reason = result.error ?? `The receiver answered ${result.statusCode}`;
  if (!result.retryable) return { kind: "final", reason };
  if (roundAttempts > delays.length) return { kind: "final", reason: cappedText(`Gave up after ${roundAttempts} attempts. ${reason}`, 500) };
  const scheduled = delays[roundAttempts - 1];
  const delay = Math.max(scheduled, result.retryAfterMs ?? 0);
  return { kind: "retry", retryAt: new Date(Date.now() + delay), reason };
}

/** Records the attempt in the log and the delivery's new state in ONE statement, then runs the kind's hooks. */
async function finish(db: Db, delivery: IntegrationDelivery, target: ResolvedTarget | null, result: SendResult | null, decision: Decision): Promise<AttemptOutcome> {
  const reason = decision.kind === "succeeded" ? null : errorText(decision.reason, 500);
  const status = decision.kind === "succeeded" ? "succeeded" : decision.kind === "retry" ? "pending" : "failed";
  const nextAttemptAt = decision.kind === "retry" ? decision.retryAt : null;
  const statusCode = result?.statusCode ?? null;
  const rows = await db.execute<{ updated_at: string; delivered_at: string | null }>(sql`
    with saved as (
      update ${integrationDeliveries}
      set status = ${status}::integration_delivery_status, last_status_code = ${statusCode}::int, last_error = ${reason}::text,
        next_attempt_at = ${nextAttemptAt?.toISOString() ?? null}::timestamptz,
        delivered_at = ${decision.kind === "succeeded" ? sql`now()` : sql`null`}, updated_at = now()
      where id = ${delivery.id}
      returning id, account_id, attempts, updated_at, delivered_at
    ), logged as (
      insert into ${integrationDeliveryAttempts}
        (account_id, delivery_row_id, attempt, started_at, status_code, latency_ms, response_excerpt, error, succeeded, request_headers)
      select account_id, id, attempts, ${(result?.startedAt ?? new Date()).toISOString()}::timestamptz, ${statusCode}::int, ${result?.latencyMs ?? 0}::int,
        ${result?.excerpt ?? null}::text, ${reason}::text, ${decision.kind === "succeeded"}::boolean, ${result ? JSON.stringify(result.headers) : null}::jsonb
      from saved
    )
    select updated_at, delivered_at from saved`);
  const row = rows[0];
  const saved: IntegrationDelivery = {
    ...delivery,
    status,
    lastStatusCode: statusCode,
    lastError: reason,
    nextAttemptAt,
    updatedAt: row ? new Date(row.updated_at) : new Date(),
    deliveredAt: row?.delivered_at ? new Date(row.delivered_at) : null,
  };
  const kind = targetKind(delivery.targetType);
  try {
    if (decision.kind === "succeeded") {
      if (target) await kind?.onSuccess?.(db, saved, target);
    } else if (result) await kind?.onAttemptFailed?.(db, saved);
    if (decision.kind === "final") await kind?.onFinalFailure?.(db, saved, reason ?? "");
  } catch (error) {
    // The delivery's own state is recorded; a hook that fails must not turn it into a retry.
    log.error("integration target hook failed", { deliveryId: delivery.deliveryId, targetType: delivery.targetType, error: errorText(error) });
  }
  if (decision.kind === "succeeded") return { status: "succeeded", statusCode: result?.statusCode ?? 200 };
  if (decision.kind === "retry") return { status: "retrying", retryAt: decision.retryAt.toISOString(), reason: reason ?? "" };
  return { status: "failed", reason: reason ?? "" };
}

async function skipped(db: Db, deliveryRowId: number): Promise<AttemptOutcome> {
  const [row] = await db.select({ status: integrationDeliveries.status }).from(integrationDeliveries).where(eq(integrationDeliveries.id, deliveryRowId));
  if (!row) return { status: "skipped", reason: "not_found" };
  if (row.status === "succeeded" || row.status === "failed") return { status: "skipped", reason: row.status };
  return { status: "skipped", reason: "in_progress" };
}
