import { getDb } from "@/db/client";
import { runQueuedBulkAction } from "@/lib/bulk-actions/run";
import { bulkActionRequested } from "@/lib/jobs/events";
import { inngest } from "@/inngest/client";

/**
 * Runs a queued bulk action (lib/bulk-actions/run.ts). No retries: conversations already changed
 * would be changed again with another activity line; what failed is reported as failed.
 */
export const runBulkAction = inngest.createFunction(
  { id: "run-bulk-action", triggers: [{ event: bulkActionRequested }], retries: 0, concurrency: { limit: 2 } },
  async ({ event, step }) => step.run("apply", () => runQueuedBulkAction(getDb(), event.data)),
);
