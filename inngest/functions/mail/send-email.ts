import { NonRetriableError } from "inngest";
import { getDb } from "@/db/client";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { inngest } from "@/inngest/client";
import { mailSendRequested } from "@/inngest/events";

/**
 * Sends an outgoing email message (EMAIL.md §3). The delivery row is the idempotency record: a
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
    const outcome = await step.run("send-email-delivery", async () => {
      const result = await sendEmailDelivery(getDb(), event.data.messageId);
      // createMessage inside a caller's transaction (createConversation with a first message)
      // sends the event before that transaction commits: retry until the delivery is visible.
      if (result.status === "skipped" && result.reason === "not_found") throw new Error("The email delivery is not committed yet");
      return result;
    });
    if (outcome.status === "failed") throw new NonRetriableError(`Email not sent: ${outcome.reason}`);
    return outcome;
  },
);
