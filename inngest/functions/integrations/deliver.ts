import { getDb } from "@/db/client";
import { attemptDelivery } from "@/lib/integrations/delivery/attempt";
import { fanOutIntegrationEvents } from "@/lib/integrations/delivery/fan-out";
import { findStalledIntegrationDeliveries, pruneOldIntegrationDeliveries } from "@/lib/integrations/delivery/stalled";
import type { IntegrationEventData } from "@/lib/integrations/events";
import { integrationDeliveryRequested, integrationEventEmitted } from "@/lib/jobs/events";
import { inngest } from "@/inngest/client";

/** Attempts a delivery may loop through in one run (the schedule's 8, with room for a redelivered one's). */
const MAX_ATTEMPTS_PER_RUN = 20;

/** Events a fan-out run takes at most (batchEvents). */
const FAN_OUT_BATCH = 50;

/**
 * Integration events committed: build their payloads, store one delivery per interested target,
 * and make the first attempt to each target that is not failing right here (one run per batch of
 * events, not one per event and target); what is left (failing targets, retries) gets a delivery
 * run. Batches are per account; one conversation's fan-outs run one at a time, in order (the
 * embedded runner keeps each event's concurrency key inside a batch: RunnableFunction.batch; on
 * Inngest, where a batch's key is its first event's, the second limit keeps an account's batches
 * one at a time).
 */
export const fanOutIntegrationEventFunction = inngest.createFunction(
  {
    id: "integrations-fan-out",
    triggers: [{ event: integrationEventEmitted }],
    batchEvents: { maxSize: FAN_OUT_BATCH, timeout: "1s", key: "event.data.accountId" },
    concurrency: [
      { key: "event.data.orderKey", limit: 1 },
      { key: "event.data.accountId", limit: 1 },
    ],
    retries: 5,
  },
  async ({ events, step }) => {
    const batch = events.map((event) => {
      const { orderKey: _orderKey, ...data } = event.data;
      return { sourceEventId: event.id ?? `${data.event}:${data.occurredAt}`, data: data as IntegrationEventData };
    });
    const requested = await step.run("deliver", () => fanOutIntegrationEvents(getDb(), batch));
    if (requested.length > 0) {
      await step.sendEvent(
        "request-deliveries",
        requested.map((r) => ({ name: "integrations/delivery.requested" as const, data: r, id: `deliver-${r.deliveryRowId}-first` })),
      );
    }
    return { events: batch.length, requested: requested.length };
  },
);

/**
 * Delivers one stored delivery: an attempt, and while it asks to be retried, a sleep until the
 * scheduled time and the next attempt (the delivery row decides; see attemptDelivery). One
 * target's deliveries for one conversation run one at a time, so a receiver that keeps up gets
 * them in order. A delivery whose first attempt the fan-out made starts with the wait it asked for.
 */
export const deliverIntegrationFunction = inngest.createFunction(
  {
    id: "integrations-deliver",
    triggers: [{ event: integrationDeliveryRequested }],
    concurrency: { key: "event.data.orderKey", limit: 1 },
    retries: 3,
  },
  async ({ event, step }) => {
    if (event.data.notBefore) await step.sleepUntil("wait-for-first-retry", new Date(event.data.notBefore));
    for (let i = 0; i < MAX_ATTEMPTS_PER_RUN; i++) {
      const outcome = await step.run("attempt", () => attemptDelivery(getDb(), event.data.deliveryRowId));
      if (outcome.status !== "retrying") return outcome;
      await step.sleepUntil("wait-for-retry", new Date(outcome.retryAt));
    }
    return { status: "stopped" };
  },
);

/**
 * Every minute, requests again the deliveries whose run was lost (a crash during an attempt, an
 * event that never arrived): pending past their time, or claimed past the lease. And prunes
 * finished deliveries older than 30 days from the log.
 */
export const sweepStalledIntegrationDeliveries = inngest.createFunction(
  { id: "integrations-sweep-stalled", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => {
    const stalled = await step.run("find-stalled", () => findStalledIntegrationDeliveries(getDb()));
    if (stalled.length > 0) {
      await step.sendEvent(
        "request-deliveries",
        stalled.map((r) => ({ name: "integrations/delivery.requested" as const, data: r.request, id: `deliver-${r.request.deliveryRowId}-sweep-${r.attempts}` })),
      );
    }
    const pruned = await step.run("prune-old", () => pruneOldIntegrationDeliveries(getDb()));
    return { requested: stalled.length, pruned };
  },
);
