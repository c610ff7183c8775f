import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrationDeliveries, type IntegrationDelivery } from "@/db/schema";
import type { IntegrationEventData } from "../events";
import { buildIntegrationPayloads } from "../payloads/build-batch";
import { targetKinds } from "../targets";
import type { EventContext, ResolvedTarget, TargetType } from "../targets/registry";
import { finishAttempts, sendClaimed, type MadeAttempt } from "./attempt";

/**
 * Turns one committed integration event into deliveries: builds the payload once, asks every
 * target kind which of its targets want it, and stores one row per target with the exact body
 * every attempt will send. Idempotent per event id (a retried fan-out finds its rows), so each
 * target gets one delivery id per event.
 *
 * The first attempt to a target that is not failing is made right here, in the event's own run:
 * its row is inserted already claimed (delivering, attempt 1), so no second job hop stands between
 * the commit and the receiver, and a duplicate run finds nothing to send. The conversation's
 * fan-outs run one at a time, so a receiver that keeps up still gets its events in order. What is
 * left for a delivery run is returned: failing targets (a hanging receiver must not hold up the
 * conversation's other targets), targets not resolved yet, and attempts to retry (`notBefore`).
 */
export type RequestedDelivery = { accountId: number; deliveryRowId: number; orderKey: string; notBefore?: string };

export const newDeliveryId = (): string => `msg_${randomBytes(16).toString("base64url")}`;

/** Attempts of one target for one conversation run one at a time, in order. */
export const deliveryOrderKey = (d: { targetType: string; targetId: number; conversationId: number | null; accountId: number }): string =>
  `${d.accountId}:${d.targetType}:${d.targetId}:${d.conversationId ?? "account"}`;

type Match = { targetType: TargetType; targetId: number; target: ResolvedTarget | null | undefined };

/** Inline attempts of a batch made at once (one per target and conversation; each one's in order). */
const CHAINS_AT_ONCE = 16;

export async function fanOutIntegrationEvent(db: Db, sourceEventId: string, data: IntegrationEventData): Promise<RequestedDelivery[]> {
  return fanOutIntegrationEvents(db, [{ sourceEventId, data }]);
}

/**
 * fanOutIntegrationEvent for a batch of events (in their queue order), with a fixed number of
 * statements per batch, not per event: the payloads (buildIntegrationPayloads), each target kind's
 * query once per (event name, inbox), ONE insert of every delivery row, the inline attempts, and
 * ONE statement recording all of them. Inline attempts run concurrently across targets and
 * conversations and one after another within one (target, conversation), in event order; when
 * one of those fails, the rest of its chain is handed back (pending) to delivery runs, so a
 * receiver that hangs costs the batch one timeout, not one per event.
 */
export async function fanOutIntegrationEvents(db: Db, events: { sourceEventId: string; data: IntegrationEventData }[]): Promise<RequestedDelivery[]> {
  const built = await buildIntegrationPayloads(db, events.map((e) => e.data));
  // Target kinds select by account, event and inbox (never by conversation): asked once per combination.
  const asked = new Map<string, Promise<Match[]>>();
  const matchesFor = (context: EventContext) => {
    const key = `${context.accountId}|${context.event}|${context.inboxId}`;
    let found = asked.get(key);
    if (!found) {
      found = Promise.all(
        targetKinds().map(async (kind) =>
          (await kind.targetsFor(db, context)).map((m): Match => (typeof m === "number" ? { targetType: kind.type, targetId: m, target: undefined } : { targetType: kind.type, targetId: m.id, target: m.target })),
        ),
      ).then((perKind) => perKind.flat());
      asked.set(key, found);
    }
    return found;
  };
  const perEvent = await Promise.all(
    events.map(async ({ data }, i) => {
      const b = built[i];
      return b ? matchesFor({ accountId: data.accountId, event: data.event, inboxId: b.inboxId, conversationId: b.conversationId }) : [];
    }),
  );
  const isInline = (m: Match) => m.target !== undefined && m.target !== null && !m.target.isFailing && !m.target.disabledReason;
  const values = events.flatMap(({ sourceEventId, data }, i) => {
    const b = built[i];
    if (!b) return [];
    const body = JSON.stringify(b.payload);
    return perEvent[i].map((m) => ({
      deliveryId: newDeliveryId(),
      accountId: data.accountId,
      targetType: m.targetType,
      targetId: m.targetId,
      sourceEventId,
      event: data.event,
      conversationId: b.conversationId,
      body,
      ...(isInline(m) ? { status: "delivering" as const, attempts: 1, roundAttempts: 1 } : {}),
    }));
  });
  if (values.length === 0) return [];
  const inserted = (await db.insert(integrationDeliveries).values(values).onConflictDoNothing().returning()).sort((x, y) => x.id - y.id);

  const requested: RequestedDelivery[] = [];
  const request = (row: IntegrationDelivery, notBefore?: string) =>
    requested.push({ accountId: row.accountId, deliveryRowId: row.id, orderKey: deliveryOrderKey(row), ...(notBefore ? { notBefore } : {}) });
  if (inserted.length < values.length) {
    // A retried fan-out: rows of the earlier try still waiting for their first attempt get a run
    // now (rows it had claimed are picked up by the sweep once their lease is over).
    const waiting = await db
      .select()
      .from(integrationDeliveries)
      .where(and(inArray(integrationDeliveries.sourceEventId, [...new Set(events.map((e) => e.sourceEventId))]), eq(integrationDeliveries.status, "pending"), eq(integrationDeliveries.attempts, 0)));
    for (const row of waiting) request(row);
  }
  const targetOf = new Map<string, ResolvedTarget>();
  for (const matches of perEvent) for (const m of matches) if (m.target) targetOf.set(`${m.targetType}:${m.targetId}`, m.target);
  const chains = new Map<string, IntegrationDelivery[]>();
  for (const row of inserted) {
    const target = targetOf.get(`${row.targetType}:${row.targetId}`);
    if (row.status !== "delivering" || !target) request(row);
    else chains.set(deliveryOrderKey(row), [...(chains.get(deliveryOrderKey(row)) ?? []), row]);
  }
  const made: MadeAttempt[] = [];
  const handedBack: IntegrationDelivery[] = [];
  const queue = [...chains.values()];
  await Promise.all(
    Array.from({ length: Math.min(CHAINS_AT_ONCE, queue.length) }, async () => {
      for (let chain = queue.shift(); chain; chain = queue.shift()) {
        for (const [i, row] of chain.entries()) {
          const attempt = await sendClaimed(row, targetOf.get(`${row.targetType}:${row.targetId}`) ?? null);
          made.push(attempt);
          if (attempt.decision.kind !== "succeeded") {
            handedBack.push(...chain.slice(i + 1));
            break;
          }
        }
      }
    }),
  );
  if (handedBack.length > 0) {
    // Never attempted: back to pending with their claim undone, each to its own delivery run.
    await db
      .update(integrationDeliveries)
      .set({ status: "pending", attempts: sql`${integrationDeliveries.attempts} - 1`, roundAttempts: sql`${integrationDeliveries.roundAttempts} - 1`, updatedAt: sql`now()` })
      .where(and(inArray(integrationDeliveries.id, handedBack.map((r) => r.id)), eq(integrationDeliveries.status, "delivering")));
    for (const row of handedBack) request(row);
  }
  const outcomes = await finishAttempts(db, made);
  outcomes.forEach((outcome, i) => {
    if (outcome.status === "retrying") request(made[i].delivery, outcome.retryAt);
  });
  return requested.sort((a, b) => a.deliveryRowId - b.deliveryRowId);
}
