import { randomBytes } from "node:crypto";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { graphSubscriptions } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto/secrets";
import { appUrl } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { getAccessToken } from "@/lib/mailbox/oauth/access-token";
import { graphClient, graphUrl, userPath, type GraphScope } from "./client";
import { describeGraphError } from "./errors";
import { recordGraphHealth } from "./health";
import { syncGraphDelta } from "./delta";
import { findGraphSubscription, graphSubscriptionRow, updateGraphSubscription } from "./subscription-store";

const log = createLogger("graph-subscriptions");

/** Graph's longest lifetime for a subscription on Outlook messages is 10,080 minutes; ask for a little less. */
export const SUBSCRIPTION_LIFETIME_MS = 10_000 * 60 * 1000;
/** The renewal cron renews subscriptions that expire within this window. */
export const RENEW_AHEAD_MS = 24 * 60 * 60 * 1000;

export const notificationUrl = () => `${appUrl()}/api/graph/notifications`;
const inboxResource = (mailbox: string) => `${userPath(mailbox)}/mailFolders('inbox')/messages`;
const expiration = () => new Date(Date.now() + SUBSCRIPTION_LIFETIME_MS);

type GraphSubscriptionAnswer = { id: string; expirationDateTime: string };

/**
 * Creates the inbox's change-notification subscription (new messages in its inbox folder) with a
 * fresh clientState secret, stored encrypted. Graph validates the notification URL before it
 * answers, so the app must be reachable at APP_URL. The first time, the delta reconciler's
 * baseline is taken too (without importing the mailbox's history).
 */
export async function createGraphSubscription(db: Db, scope: GraphScope): Promise<{ subscriptionId: string; expiresAt: Date }> {
  const token = await getAccessToken(db, scope);
  const mailbox = token.mailboxAddress;
  const row = await graphSubscriptionRow(db, scope, mailbox);
  const clientState = randomBytes(32).toString("base64url");
  try {
    const answer = (await graphClient(db, scope)
      .api(graphUrl("/subscriptions"))
      .post({
        changeType: "created",
        notificationUrl: notificationUrl(),
        lifecycleNotificationUrl: notificationUrl(),
        resource: inboxResource(mailbox),
        expirationDateTime: expiration().toISOString(),
        clientState,
      })) as GraphSubscriptionAnswer;
    const expiresAt = new Date(answer.expirationDateTime);
    await updateGraphSubscription(db, row.id, { mailboxAddress: mailbox, subscriptionId: answer.id, clientStateEnc: encryptSecret(clientState), expiresAt, lastError: null, lastErrorAt: null });
    log.info("graph subscription created", { ...scope, subscriptionId: answer.id });
    if (!row.deltaLink) await syncGraphDelta(db, scope, { baseline: true });
    return { subscriptionId: answer.id, expiresAt };
  } catch (error) {
    const { message } = describeGraphError(error, `subscribe to new mail in ${mailbox}`);
    await updateGraphSubscription(db, row.id, { lastError: message, lastErrorAt: new Date() });
    await recordGraphHealth(db, scope, { message, error });
    throw error;
  }
}

/**
 * Extends the subscription's expiration (the renewal cron, and Graph's `reauthorizationRequired`).
 * A subscription Graph no longer knows (404) is created again, and a delta run picks up what
 * arrived in between.
 */
export async function renewGraphSubscription(db: Db, scope: GraphScope): Promise<{ subscriptionId: string; expiresAt: Date; recreated: boolean }> {
  const token = await getAccessToken(db, scope);
  const row = await graphSubscriptionRow(db, scope, token.mailboxAddress);
  if (!row.subscriptionId) return { ...(await createGraphSubscription(db, scope)), recreated: true };
  try {
    const answer = (await graphClient(db, scope)
      .api(graphUrl(`/subscriptions/${encodeURIComponent(row.subscriptionId)}`))
      .patch({ expirationDateTime: expiration().toISOString() })) as GraphSubscriptionAnswer;
    const expiresAt = new Date(answer.expirationDateTime);
    await updateGraphSubscription(db, row.id, { expiresAt, lastError: null, lastErrorAt: null });
    return { subscriptionId: row.subscriptionId, expiresAt, recreated: false };
  } catch (error) {
    if (!(error instanceof GraphError && error.statusCode === 404)) {
      const { message } = describeGraphError(error, `renew the new-mail subscription of ${row.mailboxAddress}`);
      await updateGraphSubscription(db, row.id, { lastError: message, lastErrorAt: new Date() });
      await recordGraphHealth(db, scope, { message, error });
      throw error;
    }
    return recreateGraphSubscription(db, scope);
  }
}

/** After `subscriptionRemoved` (or a renewal Graph answered 404): a new subscription, then a delta run for the gap. */
export async function recreateGraphSubscription(db: Db, scope: GraphScope): Promise<{ subscriptionId: string; expiresAt: Date; recreated: true }> {
  const token = await getAccessToken(db, scope);
  const row = await graphSubscriptionRow(db, scope, token.mailboxAddress);
  await updateGraphSubscription(db, row.id, { subscriptionId: null, clientStateEnc: null, expiresAt: null });
  const created = await createGraphSubscription(db, scope);
  await syncGraphDelta(db, scope);
  return { ...created, recreated: true };
}

/**
 * Stops Graph notifications for an inbox (before it is deleted, or when it leaves the Graph
 * transport): deletes the subscription at Graph (one it no longer knows is fine) and forgets it
 * and the delta link. Notifications still in flight are then ignored (unknown subscription).
 */
export async function deleteGraphSubscription(db: Db, scope: GraphScope): Promise<{ deleted: boolean }> {
  const row = await findGraphSubscription(db, scope);
  if (!row) return { deleted: false };
  if (row.subscriptionId) {
    try {
      await graphClient(db, scope).api(graphUrl(`/subscriptions/${encodeURIComponent(row.subscriptionId)}`)).delete();
    } catch (error) {
      if (!(error instanceof GraphError && error.statusCode === 404)) throw error;
    }
  }
  await db.delete(graphSubscriptions).where(eq(graphSubscriptions.id, row.id));
  return { deleted: true };
}

/**
 * Subscribes a Graph inbox now rather than at the next renewal cron: right after the wizard
 * created it, and after a Reconnect. A subscription Graph still has is renewed (which also
 * re-authorizes it), one it dropped meanwhile (`subscriptionRemoved` while the sign-in was
 * broken) is created again. An inbox that already had a delta link then runs the delta query:
 * notifications that arrived while its sign-in was refused could not be fetched.
 */
export async function ensureGraphSubscription(db: Db, scope: GraphScope): Promise<{ subscriptionId: string; expiresAt: Date; caughtUp: boolean }> {
  const before = await findGraphSubscription(db, scope);
  const result = await renewGraphSubscription(db, scope);
  if (!before?.deltaLink) return { subscriptionId: result.subscriptionId, expiresAt: result.expiresAt, caughtUp: false };
  await syncGraphDelta(db, scope);
  return { subscriptionId: result.subscriptionId, expiresAt: result.expiresAt, caughtUp: true };
}
