import { getDb } from "@/db/client";
import { handleGraphLifecycle } from "@/lib/mailbox/graph/lifecycle";
import { importGraphMessage } from "@/lib/mailbox/graph/import-message";
import { ensureGraphSubscription } from "@/lib/mailbox/graph/subscriptions";
import { inngest } from "@/inngest/client";
import { graphLifecycleNotified, graphMessageNotified, graphSubscriptionRequested } from "@/lib/jobs/events";

/**
 * A change notification: fetch the message's MIME from Graph and ingest it. Retried on failure;
 * should every retry fail, the delta reconciler still brings the message in.
 */
export const ingestGraphMessage = inngest.createFunction(
  { id: "graph-ingest-message", triggers: [{ event: graphMessageNotified }], concurrency: { limit: 4, key: "event.data.inboxId" }, retries: 4 },
  async ({ event, step }) => {
    const { accountId, inboxId, graphMessageId } = event.data;
    return step.run("fetch-and-ingest", async () => {
      const result = await importGraphMessage(getDb(), { accountId, inboxId }, graphMessageId);
      return { status: result.status, rawEmailId: result.rawEmailId };
    });
  },
);

/** reauthorizationRequired → renew, subscriptionRemoved → recreate, missed → delta catch-up. One at a time per inbox. */
export const handleGraphLifecycleFunction = inngest.createFunction(
  { id: "graph-lifecycle", triggers: [{ event: graphLifecycleNotified }], concurrency: { limit: 1, key: "event.data.inboxId" }, retries: 3 },
  async ({ event, step }) => {
    const { accountId, inboxId, lifecycleEvent } = event.data;
    return step.run("handle", async () => {
      const result = await handleGraphLifecycle(getDb(), { accountId, inboxId }, lifecycleEvent);
      return { action: result.action, imported: result.delta?.imported ?? 0 };
    });
  },
);

/**
 * A Graph inbox just created or reconnected: subscribe it now (the renewal cron would within 15
 * minutes). One at a time per inbox; a failure shows on the inbox's health and the cron tries again.
 */
export const subscribeGraphInbox = inngest.createFunction(
  { id: "graph-subscribe", triggers: [{ event: graphSubscriptionRequested }], concurrency: { limit: 1, key: "event.data.inboxId" }, retries: 2 },
  async ({ event, step }) => {
    const { accountId, inboxId } = event.data;
    return step.run("subscribe", async () => {
      const result = await ensureGraphSubscription(getDb(), { accountId, inboxId });
      return { subscriptionId: result.subscriptionId, caughtUp: result.caughtUp };
    });
  },
);
