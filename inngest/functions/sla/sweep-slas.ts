import { getDb } from "@/db/client";
import { sweepSlas } from "@/lib/sla/evaluate";
import { inngest } from "@/inngest/client";

/**
 * Every minute: brings running SLAs up to date (due times after a customer's message or a reply,
 * hit on resolve) and records each breach once: notification, and the "SLA breached" rule event.
 */
export const sweepSlasFunction = inngest.createFunction(
  { id: "sla-sweep", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 }, retries: 2 },
  async ({ step }) => step.run("sweep", () => sweepSlas(getDb(), new Date())),
);
