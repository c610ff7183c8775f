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
  return (await finishAttempts(db, [await sendClaimed(delivery, target)]))[0];
}

export type Decision = { kind: "succeeded" } | { kind: "retry"; retryAt: Date; reason: string } | { kind: "final"; reason: string };

function classify(result: SendResult, roundAttempts: number, delays: readonly number[]): Decision {
  if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300) return { kind: "succeeded" };
  const reason = result.error ?? `The receiver answered ${result.statusCode}`;
  if (!result.retryable) return { kind: "final", reason };
  if (roundAttempts > delays.length) return { kind: "final", reason: cappedText(`Gave up after ${roundAttempts} attempts. ${reason}`, 500) };
  const scheduled = delays[roundAttempts - 1];
  const delay = Math.max(scheduled, result.retryAfterMs ?? 0);
  return { kind: "retry", retryAt: new Date(Date.now() + delay), reason };
}

/** A made (or impossible) attempt waiting to be recorded: see sendClaimed and finishAttempts. */
export type MadeAttempt = { delivery: IntegrationDelivery; target: ResolvedTarget | null; result: SendResult | null; decision: Decision };

/**
 * The attempt of a claimed delivery without recording it: for a batch that records all of its
 * attempts at once (finishAttempts). attemptClaimed is sendClaimed + finishAttempts of one.
 */
export async function sendClaimed(delivery: IntegrationDelivery, target: ResolvedTarget | null): Promise<MadeAttempt> {
  const timing = deliveryTiming();
  if (!targetKind(delivery.targetType) || !target) return { delivery, target, result: null, decision: { kind: "final", reason: "The target was deleted" } };
  // A test event still goes out: it is how an administrator checks a fixed receiver before re-enabling.
  if (target.disabledReason && !delivery.isTest) return { delivery, target, result: null, decision: { kind: "final", reason: target.disabledReason } };
  const result = await sendSigned({ url: target.url, deliveryId: delivery.deliveryId, body: delivery.body, secrets: target.secrets, timeoutMs: timing.timeoutMs });
  return { delivery, target, result, decision: classify(result, delivery.roundAttempts, target.retryDelaysMs ?? timing.retryDelaysMs) };
}

export const outcomeOf = (made: MadeAttempt): AttemptOutcome => {
  const { decision } = made;
  const reason = decision.kind === "succeeded" ? "" : errorText(decision.reason, 500);
  if (decision.kind === "succeeded") return { status: "succeeded", statusCode: made.result?.statusCode ?? 200 };
  if (decision.kind === "retry") return { status: "retrying", retryAt: decision.retryAt.toISOString(), reason };
  return { status: "failed", reason };
};

/**
 * Records attempts in the log and their deliveries' new states, ALL in one statement (a batch's
 * attempts cost one round trip), then runs each target kind's hooks. Outcomes in input order.
 */
export async function finishAttempts(db: Db, made: MadeAttempt[]): Promise<AttemptOutcome[]> {
  if (made.length === 0) return [];
  const items = made.map(({ delivery, result, decision }) => {
    const reason = decision.kind === "succeeded" ? null : errorText(decision.reason, 500);
    return {
      id: delivery.id,
      status: decision.kind === "succeeded" ? "succeeded" : decision.kind === "retry" ? "pending" : "failed",
      status_code: result?.statusCode ?? null,
      reason,
      next_at: decision.kind === "retry" ? decision.retryAt.toISOString() : null,
      started_at: (result?.startedAt ?? new Date()).toISOString(),
      latency_ms: result?.latencyMs ?? 0,
      excerpt: result?.excerpt ?? null,
      succeeded: decision.kind === "succeeded",
      headers: result ? result.headers : null,
    };
  });
  const rows = await db.execute<{ id: number | string; updated_at: string; delivered_at: string | null }>(sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as t(id bigint, status text, status_code int, reason text, next_at timestamptz, started_at timestamptz, latency_ms int, excerpt text, succeeded boolean, headers jsonb)
    ), saved as (
      update ${integrationDeliveries} d
      set status = i.status::integration_delivery_status, last_status_code = i.status_code, last_error = i.reason, next_attempt_at = i.next_at,
        delivered_at = case when i.succeeded then now() end, updated_at = now()
      from input i
      where d.id = i.id
      returning d.id, d.account_id, d.attempts, d.updated_at, d.delivered_at
    ), logged as (
      insert into ${integrationDeliveryAttempts}
        (account_id, delivery_row_id, attempt, started_at, status_code, latency_ms, response_excerpt, error, succeeded, request_headers)
      select s.account_id, s.id, s.attempts, i.started_at, i.status_code, i.latency_ms, i.excerpt, i.reason, i.succeeded, i.headers
      from saved s join input i on i.id = s.id
    )
    select id, updated_at, delivered_at from saved`);
  const savedById = new Map([...rows].map((r) => [Number(r.id), r]));
  const outcomes: AttemptOutcome[] = [];
  for (const [i, m] of made.entries()) {
    const row = savedById.get(m.delivery.id);
    const item = items[i];
    const saved: IntegrationDelivery = {
      ...m.delivery,
      status: item.status as IntegrationDelivery["status"],
      lastStatusCode: item.status_code,
      lastError: item.reason,
      nextAttemptAt: item.next_at ? new Date(item.next_at) : null,
      updatedAt: row ? new Date(row.updated_at) : new Date(),
      deliveredAt: row?.delivered_at ? new Date(row.delivered_at) : null,
    };
    await runHooks(db, saved, m);
    outcomes.push(outcomeOf(m));
  }
  return outcomes;
}

async function runHooks(db: Db, saved: IntegrationDelivery, { target, result, decision }: MadeAttempt): Promise<void> {
  const kind = targetKind(saved.targetType);
  try {
    if (decision.kind === "succeeded") {
      if (target) await kind?.onSuccess?.(db, saved, target);
    } else if (result) await kind?.onAttemptFailed?.(db, saved);
    if (decision.kind === "final") await kind?.onFinalFailure?.(db, saved, saved.lastError ?? "");
  } catch (error) {
    // The delivery's own state is recorded; a hook that fails must not turn it into a retry.
    log.error("integration target hook failed", { deliveryId: saved.deliveryId, targetType: saved.targetType, error: errorText(error) });
  }
}

async function skipped(db: Db, deliveryRowId: number): Promise<AttemptOutcome> {
  const [row] = await db.select({ status: integrationDeliveries.status }).from(integrationDeliveries).where(eq(integrationDeliveries.id, deliveryRowId));
  if (!row) return { status: "skipped", reason: "not_found" };
  if (row.status === "succeeded" || row.status === "failed") return { status: "skipped", reason: row.status };
  return { status: "skipped", reason: "in_progress" };
}
