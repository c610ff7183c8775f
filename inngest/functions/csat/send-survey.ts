import { getDb } from "@/db/client";
import { sendCsatSurvey } from "@/lib/csat/send-survey";
import { inngest } from "@/inngest/client";
import { csatSurveyRequested } from "@/lib/jobs/events";

/** Sends a resolved conversation its satisfaction survey (lib/csat). Safe to run twice: one survey per conversation. */
export const sendCsatSurveyFunction = inngest.createFunction(
  { id: "send-csat-survey", triggers: [{ event: csatSurveyRequested }], retries: 3 },
  async ({ event, step }) => step.run("send-csat-survey", () => sendCsatSurvey(getDb(), event.data.accountId, event.data.conversationId)),
);
