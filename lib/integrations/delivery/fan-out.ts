import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrationDeliveries } from "@/db/schema";
import type { IntegrationEventData } from "../events";
import { buildIntegrationPayload } from "../payloads/build";
import { targetKinds } from "../targets";
import type { ResolvedTarget, TargetType } from "../targets/registry";
import { attemptClaimed } from "./attempt";

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

export async function fanOutIntegrationEvent(db: Db, sourceEventId: string, data: IntegrationEventData): Promise<RequestedDelivery[]> {
  const built = await buildIntegrationPayload(db, data);
  if (!built) return [];
  const context = { accountId: data.accountId, event: data.event, inboxId: built.inboxId, conversationId: built.conversationId };
  const perKind = await Promise.all(
    targetKinds().map(async (kind) =>
      (await kind.targetsFor(db, context)).map((m): Match => (typeof m === "number" ? { targetType: kind.type, targetId: m, target: undefined } : { targetType: kind.type, targetId: m.id, target: m.target })),
    ),
  );
  const matches = perKind.flat();
  if (matches.length === 0) return [];
  const isInline = (m: Match) => m.target !== undefined && m.target !== null && !m.target.isFailing && !m.target.disabledReason;
  const body = JSON.stringify(built.payload);
  const inserted = await db
    .insert(integrationDeliveries)
    .values(
      matches.map((m) => ({
        deliveryId: newDeliveryId(),
        accountId: data.accountId,
        targetType: m.targetType,
        targetId: m.targetId,
        sourceEventId,
        event: data.event,
        conversationId: built.conversationId,
        body,
        ...(isInline(m) ? { status: "delivering" as const, attempts: 1, roundAttempts: 1 } : {}),
      })),
    )
    .onConflictDoNothing()
    .returning();

  const requested: RequestedDelivery[] = [];
  const request = (row: (typeof inserted)[number], notBefore?: string) =>
    requested.push({ accountId: row.accountId, deliveryRowId: row.id, orderKey: deliveryOrderKey(row), ...(notBefore ? { notBefore } : {}) });
  if (inserted.length < matches.length) {
    // A retried fan-out: rows of the earlier try still waiting for their first attempt get a run
    // now (rows it had claimed are picked up by the sweep once their lease is over).
    const waiting = await db
      .select()
      .from(integrationDeliveries)
      .where(and(eq(integrationDeliveries.sourceEventId, sourceEventId), eq(integrationDeliveries.status, "pending"), eq(integrationDeliveries.attempts, 0)));
    for (const row of waiting) request(row);
  }
  await Promise.all(
    inserted.map(async (row) => {
      const match = matches.find((m) => m.targetType === row.targetType && m.targetId === row.targetId);
      if (row.status !== "delivering" || !match?.target) return request(row);
      const outcome = await attemptClaimed(db, row, match.target);
      if (outcome.status === "retrying") request(row, outcome.retryAt);
    }),
  );
  return requested.sort((a, b) => a.deliveryRowId - b.deliveryRowId);
}
