import { getDb } from "@/db/client";
import { sendNotificationDigests } from "@/lib/notifications/digest";
import { inngest } from "@/inngest/client";

/** Every five minutes, the email digests of agents with notifications waiting (one run at a time). */
export const sendNotificationDigestsFunction = inngest.createFunction(
  { id: "send-notification-digests", triggers: [{ cron: "*/5 * * * *" }], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => step.run("send", () => sendNotificationDigests(getDb())),
);
