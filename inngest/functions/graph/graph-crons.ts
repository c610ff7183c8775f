import { getDb } from "@/db/client";
import { reconcileGraphInboxes, renewDueGraphSubscriptions } from "@/lib/mailbox/graph/lifecycle";
import { inngest } from "@/inngest/client";

/** Every fifteen minutes: renews Graph subscriptions expiring within a day and subscribes Graph inboxes that have none. */
export const renewGraphSubscriptions = inngest.createFunction(
  { id: "graph-renew-subscriptions", triggers: [{ cron: "*/15 * * * *" }], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => step.run("renew-due", () => renewDueGraphSubscriptions(getDb())),
);

/** Every ten minutes: the delta reconciler, so a notification Graph never delivered loses no mail. */
export const reconcileGraphMailboxes = inngest.createFunction(
  { id: "graph-reconcile-delta", triggers: [{ cron: "*/10 * * * *" }], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => step.run("delta", () => reconcileGraphInboxes(getDb())),
);
