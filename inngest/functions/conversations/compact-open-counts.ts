import { getDb } from "@/db/client";
import { compactConversationOpenCounts } from "@/lib/conversations/sidebar-counts";
import { inngest } from "@/inngest/client";

/**
 * Every minute, folds the sidebar counts' delta rows into one row per (inbox, assignee), so
 * reading them stays a few hundred rows. One run at a time.
 */
export const compactOpenCounts = inngest.createFunction(
  {
    id: "compact-conversation-open-counts",
    triggers: [{ cron: "* * * * *" }],
    concurrency: { limit: 1 },
    retries: 2,
  },
  async ({ step }) => step.run("compact", () => compactConversationOpenCounts(getDb())),
);
