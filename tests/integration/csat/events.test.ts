import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csatSurveyResponses, inboxes, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { answerSurvey } from "@/lib/csat/respond";
import { surveyToken } from "@/lib/csat/token";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { setDeliveryTiming } from "@/lib/integrations/delivery/timing";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { useJobRunner } from "@/tests/support/job-runner";
import { startWebhookReceiver } from "@/tests/support/webhook-receiver";

/**
 * With the jobs running: resolving sends the survey by itself, and the customer's answer reaches
 * webhook receivers as Chatwoot sends it — `message_updated` of the survey message, its
 * `content_attributes.submitted_values.csat_survey_response` holding the rating and comment.
 */
const db = useTestDatabase();
useJobRunner(db);

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "csat-events-test-key-csat-events-test-key");
  setEnvVar("AUTH_SECRET", "csat-events-test-auth-secret-csat-events");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
  setDeliveryTiming({ retryDelaysMs: [100, 200, 400], timeoutMs: 10_000 });
});
afterAll(() => {
  setDeliveryTiming();
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "");
  setEnvVar("AUTH_SECRET", "");
});

describe("CSAT events", () => {
  it("a resolve sends the survey through the job, and the answer goes out as message_updated", async () => {
    const w = await f.createWorkspace(db());
    const { inbox, channel } = await createEmailInboxRow(db(), w.account.id);
    await db().update(inboxes).set({ csatSurveyEnabled: true }).where(eq(inboxes.id, inbox.id));
    const receiver = await startWebhookReceiver();
    try {
      const hook = await createWebhook(db(), userActor(w.admin.id), w.account.id, { url: receiver.url, subscriptions: ["message_updated"] });
      receiver.setSecrets([hook.secret]);
      const r = await ingestRawEmail(db(), { accountId: w.account.id, inboxId: inbox.id, source: "imap", raw: rawMail({ from: "Ada <ada@customer.test>", to: channel.email, subject: "Login fails" }) });
      const [m] = await db().select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, r.messageId!));
      await toggleStatus(db(), userActor(w.admin.id), w.account.id, r.conversationDisplayId!, { status: "resolved" });

      // The job claimed the survey (nobody called sendCsatSurvey).
      await expect.poll(async () => (await db().select().from(csatSurveyResponses).where(eq(csatSurveyResponses.conversationId, m.conversationId))).length, { timeout: 20_000 }).toBe(1);
      const [survey] = await db().select().from(csatSurveyResponses).where(eq(csatSurveyResponses.conversationId, m.conversationId));
      const [surveyMessage] = await db().select().from(messages).where(and(eq(messages.id, survey.messageId), eq(messages.contentType, "input_csat")));
      expect(surveyMessage.messageType).toBe("template");

      // The survey mail's own delivery (the local outbox here) is a message_updated too: let it pass first.
      await receiver.waitFor((x) => x.accepted.some((d) => d.payload.id === survey.messageId));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.accepted.filter((d) => d.payload.id === survey.messageId).map((d) => (d.payload.content_attributes as Record<string, unknown>).submitted_values)).toEqual([undefined]);
      receiver.accepted.length = 0;
      await answerSurvey(db(), surveyToken(survey.id), "192.0.2.7", { rating: 3, feedbackMessage: "OK in the end" });
      await receiver.waitFor((x) => x.accepted.some((d) => d.payload.id === survey.messageId));
      const delivered = receiver.accepted.find((d) => d.payload.id === survey.messageId)!;
      expect(delivered.chatwootSignatureValid).toBe(true);
      expect(delivered.payload).toMatchObject({
        event: "message_updated",
        message_type: "template",
        content_type: "input_csat",
        content_attributes: { submitted_values: { csat_survey_response: { rating: 3, feedback_message: "OK in the end" } } },
      });
    } finally {
      await receiver.close();
    }
  });
});
