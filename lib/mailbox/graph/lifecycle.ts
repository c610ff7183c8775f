import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelEmail, graphSubscriptions, inboxes, oauthCredentials } from "@/db/schema";
import { createLogger } from "@/lib/logger";
import type { GraphScope } from "./client";
import { syncGraphDelta, type DeltaResult } from "./delta";
import { RENEW_AHEAD_MS, recreateGraphSubscription, renewGraphSubscription } from "./subscriptions";

const log = createLogger("graph-lifecycle");

/**
 * Graph's lifecycle notifications: `reauthorizationRequired` → renew (which re-authorizes it),
 * `subscriptionRemoved` → create a new one and catch up with a delta run, `missed` → a delta run
 * fetches whatever the lost notifications announced.
 */
export async function handleGraphLifecycle(db: Db, scope: GraphScope, lifecycleEvent: string): Promise<{ action: string; delta?: DeltaResult }> {
  switch (lifecycleEvent) {
    case "reauthorizationRequired":
      await renewGraphSubscription(db, scope);
      return { action: "renewed" };
    case "subscriptionRemoved":
      await recreateGraphSubscription(db, scope);
      return { action: "recreated" };
    case "missed":
      return { action: "delta", delta: await syncGraphDelta(db, scope) };
    default:
      log.info("graph lifecycle event not handled", { ...scope, lifecycleEvent });
      return { action: "none" };
  }
}

/** Graph-transport inboxes whose sign-in works (those waiting for a reconnect are left alone). */
export async function graphInboxes(db: Db, options: { renewBefore?: Date; withDeltaLink?: boolean } = {}): Promise<GraphScope[]> {
  return db
    .select({ accountId: oauthCredentials.accountId, inboxId: oauthCredentials.inboxId })
    .from(oauthCredentials)
    .innerJoin(inboxes, and(eq(inboxes.accountId, oauthCredentials.accountId), eq(inboxes.id, oauthCredentials.inboxId)))
    .leftJoin(channelEmail, and(eq(inboxes.channelType, "email"), eq(channelEmail.accountId, inboxes.accountId), eq(channelEmail.id, inboxes.channelId)))
    .leftJoin(graphSubscriptions, and(eq(graphSubscriptions.accountId, oauthCredentials.accountId), eq(graphSubscriptions.inboxId, oauthCredentials.inboxId)))
    .where(
      and(
        eq(oauthCredentials.transport, "graph"),
        sql`coalesce(${channelEmail.health}, 'ok') <> 'reconnect_needed'`,
        options.renewBefore
          ? or(isNull(graphSubscriptions.subscriptionId), isNull(graphSubscriptions.expiresAt), lt(graphSubscriptions.expiresAt, options.renewBefore))
          : undefined,
        options.withDeltaLink ? isNotNull(graphSubscriptions.deltaLink) : undefined,
      ),
    )
    .orderBy(oauthCredentials.inboxId)
    .limit(1000);
}

type Counts = { done: number; failed: number };

async function eachInbox(scopes: GraphScope[], work: (scope: GraphScope) => Promise<unknown>, what: string): Promise<Counts> {
  const counts: Counts = { done: 0, failed: 0 };
  for (const scope of scopes) {
    try {
      await work(scope);
      counts.done += 1;
    } catch (error) {
      counts.failed += 1; // one inbox's trouble never stops the others; it is recorded on its row
      log.warn(`graph ${what} failed`, { ...scope, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return counts;
}

/** The renewal cron: subscriptions expiring within a day are renewed; inboxes without one get one. */
export async function renewDueGraphSubscriptions(db: Db, aheadMs = RENEW_AHEAD_MS): Promise<Counts> {
  return eachInbox(await graphInboxes(db, { renewBefore: new Date(Date.now() + aheadMs) }), (scope) => renewGraphSubscription(db, scope), "renewal");
}

/** The reconciler cron: a delta run for every subscribed Graph inbox (the others get their baseline when subscribed). */
export async function reconcileGraphInboxes(db: Db): Promise<Counts> {
  return eachInbox(await graphInboxes(db, { withDeltaLink: true }), (scope) => syncGraphDelta(db, scope), "delta");
}
