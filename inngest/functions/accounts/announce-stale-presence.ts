import { getDb } from "@/db/client";
import { announceStalePresence } from "@/lib/accounts/presence-heartbeat";
import { inngest } from "@/inngest/client";

/**
 * Every minute: "online" agents whose app tabs stopped sending heartbeats are announced offline
 * (presence.update), so open screens grey their dot without a reload. One run at a time: a second
 * sweep would only wait for the same rows.
 */
export const announceStalePresenceFunction = inngest.createFunction(
  { id: "announce-stale-presence", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => {
    const announced = await step.run("announce-stale-presence", () => announceStalePresence(getDb()));
    return { announced: announced.length };
  },
);
