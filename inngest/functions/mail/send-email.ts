import { getDb } from "@/db/client";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { inngest } from "@/inngest/client";
import { mailSendRequested } from "@/inngest/events";

/**
 * Sends an outgoing email message (EMAIL.md §3). The delivery row is the idempotency record: a
 * retried or duplicated run never sends twice. Temporary failures (4xx, connection) throw and are
 * retried with backoff; permanent ones are recorded on the message and end the run.
 */
export const sendEmail = inngest.createFunction(
  {
    id: "send-email",
    triggers: [{ event: mailSendRequested }],
    // SEND_MAX_ATTEMPTS - 1: the delivery row counts attempts too and gives up on the last one.
    retries: 4,
  },
  async ({ event, step }) => {
    return step.run("send-email-delivery", () => sendEmailDelivery(getDb(), event.data.messageId));
  },
);
