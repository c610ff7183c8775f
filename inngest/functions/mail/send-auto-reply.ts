import { getDb } from "@/db/client";
import { sendAutoReply } from "@/lib/auto-replies/send-auto-reply";
import { inngest } from "@/inngest/client";
import { autoReplyRequested } from "@/lib/jobs/events";

/**
 * Answers an imported message automatically when its inbox asks for it (lib/auto-replies). Safe to
 * run twice: the reply is claimed once per contact and kind per period.
 */
export const sendAutoReplyFunction = inngest.createFunction(
  { id: "send-auto-reply", triggers: [{ event: autoReplyRequested }], retries: 3 },
  async ({ event, step }) => step.run("send-auto-reply", () => sendAutoReply(getDb(), event.data.accountId, event.data.messageId)),
);
