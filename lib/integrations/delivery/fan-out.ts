import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { integrationDeliveries } from "@/db/schema";
import type { IntegrationEventData } from "../events";
import { buildIntegrationPayload } from "../payloads/build";
import { targetKinds } from "../targets";

/**
 * Turns one committed integration event into deliveries: builds the payload once, asks every
 * target kind which of its targets want it, and stores one row per target with the exact body
 * every attempt will send. Idempotent per event id (a retried fan-out finds its rows), so each
 * target gets one delivery id per event. Returns the rows still waiting for their first attempt.
 */
export type RequestedDelivery = { accountId: number; deliveryRowId: number; orderKey: string };

export const newDeliveryId = (): string => `msg_${randomBytes(16).toString("base64url")}`;

/** Attempts of one target for one conversation run one at a time, in order. */
export const deliveryOrderKey = (d: { targetType: string; targetId: number; conversationId: number | null; accountId: number }): string =>
  `${d.accountId}:${d.targetType}:${d.targetId}:${d.conversationId ?? "account"}`;

export async function fanOutIntegrationEvent(db: DbOrTx, sourceEventId: string, data: IntegrationEventData): Promise<RequestedDelivery[]> {
  const built = await buildIntegrationPayload(db, data);
  if (!built) return [];
  const context = { accountId: data.accountId, event: data.event, inboxId: built.inboxId, conversationId: built.conversationId };
  const targets: { targetType: string; targetId: number }[] = [];
  for (const kind of targetKinds()) {
    for (const targetId of await kind.targetsFor(db, context)) targets.push({ targetType: kind.type, targetId });
  }
  if (targets.length === 0) return [];
  const body = JSON.stringify(built.payload);
  await db
    .insert(integrationDeliveries)
    .values(
      targets.map((t) => ({
        deliveryId: newDeliveryId(),
        accountId: data.accountId,
        targetType: t.targetType as "webhook",
        targetId: t.targetId,
        sourceEventId,
        event: data.event,
        conversationId: built.conversationId,
        body,
      })),
    )
    .onConflictDoNothing();
  const rows = await db
    .select()
    .from(integrationDeliveries)
    .where(and(eq(integrationDeliveries.sourceEventId, sourceEventId), eq(integrationDeliveries.status, "pending"), eq(integrationDeliveries.attempts, 0)));
  return rows.map((r) => ({ accountId: r.accountId, deliveryRowId: r.id, orderKey: deliveryOrderKey(r) }));
}
