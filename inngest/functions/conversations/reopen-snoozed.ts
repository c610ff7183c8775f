import { getDb } from "@/db/client";
import { reopenDueSnoozedConversations } from "@/lib/conversations/reopen-snoozed";
import { inngest } from "@/inngest/client";
import { snoozedConversationsDue } from "@/lib/jobs/events";

/**
 * Reopens snoozed conversations whose time has come. Every minute, and on demand through the
 * `conversations/snoozed.due` event. One run at a time: two sweeps would only race for rows.
 */
export const reopenSnoozedConversations = inngest.createFunction(
  {
    id: "reopen-snoozed-conversations",
    triggers: [{ cron: "* * * * *" }, { event: snoozedConversationsDue }],
    concurrency: { limit: 1 },
    retries: 3,
  },
  async ({ step }) => {
    const reopened = await step.run("reopen-due-conversations", () => reopenDueSnoozedConversations(getDb()));
    return { reopened: reopened.length };
  },
);
