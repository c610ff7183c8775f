import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { conversations, jobRuns } from "@/db/schema";
import { runnableFunctions } from "@/inngest/runner/functions";
import { createRunner } from "@/inngest/runner/runner";
import { userActor } from "@/lib/auth/actor";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { setEnvVar } from "@/lib/env";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";

/**
 * message_created shows the conversation as it was at the message (its status and assignee), not
 * as it is when a busy queue gets to the event: a receiver must not read "resolved" on the
 * customer's message that reopened the conversation.
 */
const db = useTestDatabase();
let receiver: WebhookReceiver | undefined;

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "webhook-snapshot-test-key-0123456789");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
});
afterAll(() => setEnvVar("INTEGRATIONS_ALLOW_HTTP", ""));
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function scenario() {
  const w = await f.createWorkspace(db());
  receiver = await startWebhookReceiver();
  const hook = await createWebhook(db(), userActor(w.admin.id), w.account.id, { url: receiver.url, subscriptions: ["message_created"] });
  receiver.setSecrets([hook.secret]);
  const contact = await f.createContact(db(), w.account.id, { name: "Snap Customer" });
  const conversation = await f.createConversation(db(), w.account.id, w.inbox.id, { contactId: contact.id });
  const runner = createRunner({ db: db(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 });
  await runner.drain();
  await db().delete(jobRuns);
  return { ...w, conversation, runner, receiver };
}

describe("message_created's conversation", () => {
  it("is the state at the message when later changes committed first (a batch of events)", async () => {
    const s = await scenario();
    await createMessage(db(), userActor(s.admin.id), s.account.id, s.conversation.displayId, { content: "We are on it" });
    // Before the fan-out runs, someone resolves the conversation and assigns it.
    await toggleStatus(db(), userActor(s.admin.id), s.account.id, s.conversation.displayId, { status: "resolved" });
    await assignConversation(db(), userActor(s.admin.id), s.account.id, s.conversation.displayId, { assigneeId: s.agent.id });
    await s.runner.drain();
    const [delivered] = s.receiver.accepted;
    expect(delivered.payload.content).toBe("We are on it");
    const conversation = delivered.payload.conversation as { status: string; meta: { assignee: unknown } };
    expect(conversation.status).toBe("open");
    expect(conversation.meta.assignee).toBeNull();
  });

  it("is the state at the message when the event is fanned out alone", async () => {
    const s = await scenario();
    await assignConversation(db(), userActor(s.admin.id), s.account.id, s.conversation.displayId, { assigneeId: s.agent.id });
    await s.runner.drain();
    await createMessage(db(), userActor(s.admin.id), s.account.id, s.conversation.displayId, { content: "Assigned to Bob" });
    // A change that emitted nothing (a direct update) committed before the fan-out.
    await db()
      .update(conversations)
      .set({ status: "resolved", assigneeId: s.admin.id })
      .where(and(eq(conversations.accountId, s.account.id), eq(conversations.id, s.conversation.id)));
    await s.runner.drain();
    const delivered = s.receiver.accepted.find((d) => d.payload.content === "Assigned to Bob");
    const conversation = delivered?.payload.conversation as { status: string; meta: { assignee: { id: number; name: string } | null } };
    expect(conversation.status).toBe("open");
    expect(conversation.meta.assignee).toMatchObject({ id: s.agent.id, name: "Bob Agent" });
  });
});
