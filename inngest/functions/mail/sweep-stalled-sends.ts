import { getDb } from "@/db/client";
import { findStalledDeliveries } from "@/lib/email/send/find-stalled-deliveries";
import { inngest } from "@/inngest/client";

/**
 * Every five minutes, asks again for the send of email deliveries that stalled (a lost event, a
 * run that died): a reply must not stay "sending" forever.
 */
export const sweepStalledSends = inngest.createFunction(
  { id: "sweep-stalled-email-sends", triggers: [{ cron: "*/5 * * * *" }], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => {
    const stalled = await step.run("find-stalled-deliveries", () => findStalledDeliveries(getDb()));
    if (stalled.length > 0) {
      await step.sendEvent(
        "request-sends",
        stalled.map((data) => ({ name: "mail/send.requested" as const, data })),
      );
    }
    return { requested: stalled.length };
  },
);
