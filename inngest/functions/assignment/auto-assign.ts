import { getDb } from "@/db/client";
import { runAutoAssignment, sweepAutoAssignment } from "@/lib/assignment/requests";
import { inngest } from "@/inngest/client";
import { autoAssignmentRequested } from "@/lib/jobs/events";

/**
 * Assigns waiting conversations when something may have made it possible: a conversation opened
 * or reopened, an agent came online or freed capacity (lib/assignment/requests.ts). One run per
 * account at a time: runs of one inbox would only queue on its advisory lock.
 */
export const autoAssignFunction = inngest.createFunction(
  { id: "auto-assign-conversations", triggers: [{ event: autoAssignmentRequested }], concurrency: { limit: 1, key: "event.data.accountId" }, retries: 2 },
  async ({ event, step }) => {
    const made = await step.run("assign-waiting", () => runAutoAssignment(getDb(), event.data));
    return { assigned: made.length };
  },
);

/** Every minute, the safety net: inboxes with waiting conversations and someone online. */
export const sweepAutoAssignmentFunction = inngest.createFunction(
  { id: "sweep-auto-assignment", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => {
    const made = await step.run("sweep", () => sweepAutoAssignment(getDb()));
    return { assigned: made.length };
  },
);
