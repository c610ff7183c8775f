import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { integrationDeliveryAttempts, jobRuns } from "@/db/schema";
import { runnableFunctions } from "@/inngest/runner/functions";
import { createRunner } from "@/inngest/runner/runner";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * A backlog of integration events is fanned out in batches: the statements a batch costs do not
 * grow with the events in it, every delivery is made once and logged, and each conversation's
 * events reach the receiver in order (the throughput behind `npm run bench:webhooks`).
 */
const db = useTestDatabase();
const record = useWireRecording();
let receiver: WebhookReceiver | undefined;

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "webhook-batch-test-key-0123456789");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
});
afterAll(() => setEnvVar("INTEGRATIONS_ALLOW_HTTP", ""));
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe("fan-out of a backlog", () => {
  it("costs the same statements for 12 queued events as for 4, delivering each once and each conversation's in order", async () => {
    const w = await f.createWorkspace(db());
    receiver = await startWebhookReceiver();
    const hook = await createWebhook(db(), userActor(w.admin.id), w.account.id, { url: receiver.url, subscriptions: ["message_created"] });
    receiver.setSecrets([hook.secret]);
    const contact = await f.createContact(db(), w.account.id, { name: "Batch Customer" });
    const conversations = [
      await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id }),
      await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id }),
    ];
    const runner = createRunner({ db: getDb(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
    await runner.drain();
    await db().delete(jobRuns);

    const backlog = async (count: number, from: number) => {
      for (let i = from; i < from + count; i++) {
        await createMessage(getDb(), userActor(w.admin.id), w.account.id, conversations[i % 2].displayId, { content: `Reply ${i}` });
      }
      const statements = await record(() => runner.drain(), { appOnly: true });
      return statements.length;
    };
    const forFour = await backlog(4, 0);
    const forTwelve = await backlog(12, 4);

    expect(receiver.accepted.map((d) => d.payload.content)).toHaveLength(16);
    expect(new Set(receiver.accepted.map((d) => d.id)).size).toBe(16);
    for (const conversation of conversations) {
      const contents = receiver.accepted.filter((d) => (d.payload.conversation as { id: number }).id === conversation.displayId).map((d) => Number(String(d.payload.content).split(" ")[1]));
      expect(contents).toEqual([...contents].sort((a, b) => a - b));
      expect(contents).toHaveLength(8);
    }
    // The log has every attempt.
    const attempts = await db().select().from(integrationDeliveryAttempts).where(eq(integrationDeliveryAttempts.accountId, w.account.id));
    expect(attempts.filter((a) => a.succeeded)).toHaveLength(16);
    const runs = await db().select({ functionId: jobRuns.functionId }).from(jobRuns).where(sql`${jobRuns.functionId} = 'integrations-deliver'`);
    expect(runs).toEqual([]);
    // A batch's statements: the claims, six payload reads, the target kinds, one insert, one attempt log, the completion.
    expect(forTwelve).toBeLessThanOrEqual(forFour + 1);
    expect(forTwelve).toBeLessThan(20);
  });
});
