import { NonRetriableError } from "inngest";
import { getDb } from "@/db/client";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { inngest } from "@/inngest/client";
import { mailSendRequested } from "@/lib/jobs/events";

/**
 * Sends an outgoing email message (docs/email.md, Sending). The delivery row is the idempotency record: a
 * retried or duplicated run never sends twice. Temporary failures (4xx, connection) throw inside
 * the step and are retried with backoff; a permanent one is recorded on the message by the step,
 * then ends the run as failed without retries.
 */
export const sendEmail = inngest.createFunction(
  {
    id: "send-email",
    triggers: [{ event: mailSendRequested }],
    // SEND_MAX_ATTEMPTS - 1: the delivery row counts attempts too and gives up on the last one.
    retries: 4,
  },
  async ({ event, step }) => {
    // The event is sent after the message's commit (createMessage's afterCommit), so a delivery
    // that is not found was deleted since (its conversation or inbox): nothing to send, no retry.
    const outcome = await step.run("send-email-delivery", () => sendEmailDelivery(getDb(), event.data.messageId));
    if (outcome.status === "failed") throw new NonRetriableError(`Email not sent: ${outcome.reason}`);
    return outcome;
  },
);
