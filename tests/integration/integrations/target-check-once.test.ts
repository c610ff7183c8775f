import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { runnableFunctions } from "@/inngest/runner/functions";
import { createRunner } from "@/inngest/runner/runner";
import { userActor } from "@/lib/auth/actor";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import { createMessage } from "@/lib/messages/create-message";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * "Does the account have any webhook, API-channel callback or agent bot?" is asked for every
 * change, imported mail included: one statement per commit, and never remembered across commits.
 */
const db = useTestDatabase();
const record = useWireRecording();
let receiver: WebhookReceiver | undefined;

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "target-check-once-test-key-012345");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
});
afterAll(() => setEnvVar("INTEGRATIONS_ALLOW_HTTP", ""));
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** Statements that look for the account's webhooks or API-channel callbacks (the check asks both). */
const targetChecks = (statements: RecordedStatement[]) => statements.filter((s) => /from "webhooks"|from "channel_api"/.test(s.text));

describe("the account's integration targets", () => {
  it("are looked for in one statement for an imported mail's conversation_created and message_created", async () => {
    const account = await f.createAccount(db());
    const { inbox } = await createEmailInboxRow(db(), account.id);
    const raw = rawMail({ from: "Ines <ines@example.org>", subject: "Lost parcel", messageId: "targets-1@example.org", body: "Where is it?" });
    const statements = await record(async () => {
      const result = await ingestRawEmail(db(), { accountId: account.id, inboxId: inbox.id, source: "relay", raw });
      expect(result.status).toBe("imported");
    });
    expect(targetChecks(statements)).toHaveLength(1);
  });

  it("hears of a webhook created a moment ago at the next change", async () => {
    const w = await f.createWorkspace(db());
    const conversation = await f.createConversation(db(), w.account.id, w.inbox.id);
    const runner = createRunner({ db: getDb(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
    await createMessage(getDb(), userActor(w.admin.id), w.account.id, conversation.displayId, { content: "Before the webhook" });
    await runner.drain();
    await db().delete(jobRuns);

    receiver = await startWebhookReceiver();
    const hook = await createWebhook(db(), userActor(w.admin.id), w.account.id, { url: receiver.url, subscriptions: ["message_created"] });
    receiver.setSecrets([hook.secret]);
    await createMessage(getDb(), userActor(w.admin.id), w.account.id, conversation.displayId, { content: "After the webhook" });
    await runner.drain();

    expect(receiver.accepted.map((d) => d.payload.content)).toEqual(["After the webhook"]);
  });
});
