import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { integrationDeliveries, integrationDeliveryAttempts, jobRuns, notifications, webhooks } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { createConversation } from "@/lib/conversations/create-conversation";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { createContact, deleteContact, updateContact } from "@/lib/contacts/contacts";
import { setEnvVar } from "@/lib/env";
import { pruneOldIntegrationDeliveries } from "@/lib/integrations/delivery/stalled";
import { setDeliveryTiming } from "@/lib/integrations/delivery/timing";
import { listWebhookDeliveries, redeliverFailedWebhookDeliveries, redeliverWebhookDelivery, sendWebhookTestEvent } from "@/lib/integrations/webhooks/deliveries";
import { createWebhook, rotateWebhookSecret } from "@/lib/integrations/webhooks/manage";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { useJobRunner } from "@/tests/support/job-runner";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";

const db = useTestDatabase();
useJobRunner(db);
let receiver: WebhookReceiver | undefined;

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "webhook-delivery-test-key-0123456789");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
  // Short delays instead of Svix's hours; the attempt budget (8) stays the same.
  setDeliveryTiming({ retryDelaysMs: [100, 200, 400, 800, 1200, 1600, 2000], timeoutMs: 400 });
});
afterAll(() => {
  setDeliveryTiming();
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "");
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function scenario(subscriptions: string[] = ["conversation_created", "message_created", "conversation_status_changed", "conversation_updated"]) {
  const w = await f.createWorkspace(db());
  receiver = await startWebhookReceiver();
  const hook = await createWebhook(db(), userActor(w.admin.id), w.account.id, { url: receiver.url, name: "CRM", subscriptions });
  receiver.setSecrets([hook.secret]);
  const contact = await f.createContact(db(), w.account.id, { name: "Carol Customer" });
  return { ...w, hook, contact, receiver };
}

describe("webhook delivery to a real receiver", () => {
  it("signs every delivery both ways and sends each event once, in order, after the commit", async () => {
    const s = await scenario();
    const conversation = await createConversation(db(), userActor(s.admin.id), s.account.id, {
      inboxId: s.inbox.id,
      contactId: s.contact.id,
      message: { content: "Hello from the desk", messageType: "outgoing" },
    });
    await toggleStatus(db(), userActor(s.admin.id), s.account.id, conversation.displayId, { status: "resolved" });
    await s.receiver.waitFor((r) => r.accepted.length >= 4);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives

    expect(s.receiver.accepted.map((d) => d.payload.event)).toEqual(["conversation_created", "message_created", "conversation_status_changed", "conversation_updated"]);
    for (const d of s.receiver.accepted) {
      expect(d.chatwootSignatureValid).toBe(true);
      expect(d.standardSignatureValid).toBe(true);
      expect(d.headers["x-chatwoot-delivery"]).toBe(d.id);
      expect(d.headers["x-chatwoot-timestamp"]).toBe(d.headers["webhook-timestamp"]);
      expect(d.headers["content-type"]).toBe("application/json");
    }
    const statusChanged = s.receiver.accepted[2].payload;
    expect(statusChanged.changed_attributes).toEqual([{ status: { previous_value: "open", current_value: "resolved" } }]);
    expect(statusChanged.status).toBe("resolved");
    // A signature made with another secret does not verify.
    s.receiver.setSecrets(["whsec_" + Buffer.from("not the secret").toString("base64")]);
    const { verifyChatwoot, verifyStandard } = await import("@/tests/support/webhook-receiver");
    const first = s.receiver.accepted[0];
    expect(verifyChatwoot("whsec_bm90IHRoZSBzZWNyZXQ=", first.headers, first.body)).toBe(false);
    expect(verifyStandard("whsec_bm90IHRoZSBzZWNyZXQ=", first.headers, first.body)).toBe(false);
  });

  it("keeps the events of a webhook that is not subscribed to them, or of another inbox, to itself", async () => {
    const s = await scenario(["message_created"]);
    const otherInbox = await f.createInbox(db(), s.account.id, { name: "Sales" });
    await db().update(webhooks).set({ inboxId: otherInbox.id }).where(eq(webhooks.id, s.hook.id));
    await createConversation(db(), userActor(s.admin.id), s.account.id, { inboxId: s.inbox.id, contactId: s.contact.id, message: { content: "Not for Sales" } });
    const sales = await createConversation(db(), userActor(s.admin.id), s.account.id, { inboxId: otherInbox.id, contactId: s.contact.id, message: { content: "For Sales" } });
    await s.receiver.waitFor((r) => r.accepted.length >= 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(s.receiver.accepted.map((d) => [d.payload.event, d.payload.content])).toEqual([["message_created", "For Sales"]]);
    expect((s.receiver.accepted[0].payload.conversation as { id: number }).id).toBe(sales.displayId);
  });

  it("reaches a healthy receiver from the event's own run, over one kept-alive connection", async () => {
    const s = await scenario(["message_created"]);
    const conversation = await f.createConversation(db(), s.account.id, s.inbox.id, { contactId: s.contact.id });
    for (let i = 0; i < 3; i++) {
      await createMessage(db(), userActor(s.admin.id), s.account.id, conversation.displayId, { content: `Reply ${i}` });
      await s.receiver.waitFor((r) => r.accepted.length === i + 1);
    }
    expect(s.receiver.accepted.map((d) => d.payload.content)).toEqual(["Reply 0", "Reply 1", "Reply 2"]);
    // No second job hop per delivery: the fan-out made each first attempt itself.
    const runs = await db().select({ functionId: jobRuns.functionId }).from(jobRuns).where(sql`${jobRuns.functionId} like 'integrations-%'`);
    expect(runs.filter((r) => r.functionId === "integrations-deliver")).toEqual([]);
    expect(s.receiver.connections).toBe(1);
    // The log still has every attempt (each is written once the receiver's answer is in, so the
    // last one may land just after the receiver counted it).
    const attempts = async () =>
      (await db().select().from(integrationDeliveryAttempts).where(eq(integrationDeliveryAttempts.accountId, s.account.id))).map((a) => [a.attempt, a.succeeded, a.statusCode]);
    await expect.poll(attempts, { timeout: 5_000 }).toEqual([[1, true, 200], [1, true, 200], [1, true, 200]]);
  });

  it("retries through refusals, timeouts, 500s and 429s and accepts each delivery exactly once after recovery", async () => {
    const s = await scenario(["message_created"]);
    const conversation = await f.createConversation(db(), s.account.id, s.inbox.id, { contactId: s.contact.id });
    await s.receiver.setMode("down");
    const sent: number[] = [];
    for (let i = 0; i < 6; i++) {
      const m = await createMessage(db(), userActor(s.admin.id), s.account.id, conversation.displayId, { content: `Reply ${i}` });
      sent.push(m.id);
    }
    await new Promise((r) => setTimeout(r, 250));
    // Each failure mode lasts until an attempt has met it (fixed windows missed one when the
    // retries' timing shifted), and at least as long as before.
    const phase = async (mode: "hang" | "error" | "throttle", minMs: number) => {
      const before = s.receiver.requests;
      await s.receiver.setMode(mode, mode === "throttle" ? { retryAfterSeconds: 1 } : undefined);
      await new Promise((r) => setTimeout(r, minMs));
      await s.receiver.waitFor((r) => r.requests > before, 10_000);
    };
    await phase("hang", 700);
    await phase("error", 500);
    await phase("throttle", 400);
    await s.receiver.setMode("ok");
    await s.receiver.waitFor((r) => r.acceptedCounts().size >= 6, 30_000);
    await new Promise((r) => setTimeout(r, 500));

    const rows = await db().select().from(integrationDeliveries).where(eq(integrationDeliveries.accountId, s.account.id));
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === "succeeded")).toBe(true);
    const counts = s.receiver.acceptedCounts();
    expect([...counts.keys()].sort()).toEqual(rows.map((r) => r.deliveryId).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(s.receiver.accepted.every((d) => d.chatwootSignatureValid && d.standardSignatureValid)).toBe(true);
    expect(s.receiver.accepted.map((d) => d.payload.id).sort()).toEqual([...sent].sort());

    // The log shows what went wrong on each failed attempt, in words.
    const attempts = await db().select().from(integrationDeliveryAttempts).where(eq(integrationDeliveryAttempts.accountId, s.account.id)).orderBy(asc(integrationDeliveryAttempts.id));
    const errors = attempts.filter((a) => !a.succeeded).map((a) => a.error ?? "");
    expect(errors.some((e) => e.includes("refused the connection"))).toBe(true);
    expect(errors.some((e) => e.includes("timed out"))).toBe(true);
    expect(errors.some((e) => e.includes("answered 500"))).toBe(true);
    expect(errors.some((e) => e.includes("answered 429"))).toBe(true);
    expect(attempts.filter((a) => a.succeeded)).toHaveLength(6);
  }, 40_000);

  it("gives up at once on a 4xx that is not worth retrying, and disables an endpoint failing for days", async () => {
    const s = await scenario(["message_created"]);
    const conversation = await f.createConversation(db(), s.account.id, s.inbox.id, { contactId: s.contact.id });
    await s.receiver.setMode("gone");
    // The endpoint has been failing for a week.
    await db().update(webhooks).set({ failingSince: new Date(Date.now() - 7 * 86_400_000) }).where(eq(webhooks.id, s.hook.id));
    await createMessage(db(), userActor(s.admin.id), s.account.id, conversation.displayId, { content: "Anyone there?" });
    await waitUntil(async () => (await db().select().from(webhooks).where(eq(webhooks.id, s.hook.id)))[0].disabledAt !== null);
    const [delivery] = await db().select().from(integrationDeliveries).where(eq(integrationDeliveries.accountId, s.account.id));
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts).toBe(1);
    expect(delivery.lastStatusCode).toBe(410);
    const bell = await db().select().from(notifications).where(and(eq(notifications.accountId, s.account.id), eq(notifications.userId, s.admin.id)));
    expect(bell.map((n) => n.notificationType)).toEqual(["webhook_disabled"]);
    expect(s.receiver.requests).toBe(1);
  });

  it("sends contact events account-wide, and a deleted contact's conversations as conversation_deleted", async () => {
    const s = await scenario(["contact_created", "contact_updated", "contact_deleted", "conversation_deleted"]);
    const contact = await createContact(db(), userActor(s.admin.id), s.account.id, { name: "Dana", email: "dana@customer.test" });
    await updateContact(db(), userActor(s.admin.id), s.account.id, contact.id, { name: "Dana" }); // no change: no event
    await updateContact(db(), userActor(s.admin.id), s.account.id, contact.id, { name: "Dana Smith" });
    const conversation = await f.createConversation(db(), s.account.id, s.inbox.id, { contactId: contact.id });
    await deleteContact(db(), userActor(s.admin.id), s.account.id, contact.id);
    await s.receiver.waitFor((r) => r.accepted.length >= 4, 25_000).catch(async (error: unknown) => {
      const rows = await db().select().from(integrationDeliveries).where(eq(integrationDeliveries.accountId, s.account.id));
      throw new Error(`${String(error)}; received ${JSON.stringify(s.receiver.accepted.map((d) => d.payload.event))}; deliveries ${JSON.stringify(rows.map((r) => [r.event, r.status, r.attempts, r.lastError]))}`);
    });
    await new Promise((r) => setTimeout(r, 300));
    const byEvent = (event: string) => s.receiver.accepted.filter((d) => d.payload.event === event).map((d) => d.payload);
    // One contact's events keep their order; the conversation's deletion travels on its own key.
    expect(s.receiver.accepted.map((d) => d.payload.event).filter((e) => String(e).startsWith("contact_"))).toEqual(["contact_created", "contact_updated", "contact_deleted"]);
    expect(byEvent("contact_updated")[0].changed_attributes).toEqual([{ name: { previous_value: "Dana", current_value: "Dana Smith" } }]);
    expect(byEvent("conversation_deleted")).toMatchObject([{ id: conversation.displayId, inbox_id: s.inbox.id }]);
    expect(byEvent("contact_deleted")).toMatchObject([{ id: contact.id, name: "Dana Smith" }]);
  }, 60_000);

  it("redelivers a failed delivery with the same id, all failed since a time, and sends a test event", async () => {
    const s = await scenario(["message_created"]);
    const conversation = await f.createConversation(db(), s.account.id, s.inbox.id, { contactId: s.contact.id });
    await s.receiver.setMode("gone");
    await createMessage(db(), userActor(s.admin.id), s.account.id, conversation.displayId, { content: "First" });
    await createMessage(db(), userActor(s.admin.id), s.account.id, conversation.displayId, { content: "Second" });
    await waitUntil(async () => (await listWebhookDeliveries(db(), userActor(s.admin.id), s.account.id, s.hook.id, { failedOnly: true })).length === 2);
    const failed = await listWebhookDeliveries(db(), userActor(s.admin.id), s.account.id, s.hook.id, { failedOnly: true });
    expect(failed[0].attemptLog).toMatchObject([{ attempt: 1, statusCode: 410, succeeded: false, responseExcerpt: "this endpoint is gone" }]);
    expect(failed[0].attemptLog[0].error).toMatch(/answered 410/);

    await s.receiver.setMode("ok");
    await redeliverWebhookDelivery(db(), userActor(s.admin.id), s.account.id, s.hook.id, failed[1].id);
    await s.receiver.waitFor((r) => r.accepted.length === 1);
    expect(s.receiver.accepted[0].id).toBe(failed[1].deliveryId);
    expect(s.receiver.accepted[0].payload.content).toBe("First");

    expect(await redeliverFailedWebhookDeliveries(db(), userActor(s.admin.id), s.account.id, s.hook.id, new Date(Date.now() - 3_600_000))).toBe(1);
    await s.receiver.waitFor((r) => r.accepted.length === 2);
    expect(s.receiver.accepted[1].id).toBe(failed[0].deliveryId);

    await sendWebhookTestEvent(db(), userActor(s.admin.id), s.account.id, s.hook.id);
    await s.receiver.waitFor((r) => r.accepted.length === 3);
    expect(s.receiver.accepted[2].payload).toMatchObject({ event: "webhook_test", webhook: { id: s.hook.id } });
    expect(s.receiver.accepted[2].chatwootSignatureValid && s.receiver.accepted[2].standardSignatureValid).toBe(true);
    const succeeded = async () => (await listWebhookDeliveries(db(), userActor(s.admin.id), s.account.id, s.hook.id)).every((d) => d.status === "succeeded");
    await waitUntil(succeeded);
    const log = await listWebhookDeliveries(db(), userActor(s.admin.id), s.account.id, s.hook.id);
    expect(log).toHaveLength(3);
    expect(log[2].attemptLog.map((a) => a.statusCode)).toEqual([410, 200]);
    // Agents cannot read the log.
    await expect(listWebhookDeliveries(db(), userActor(s.agent.id), s.account.id, s.hook.id)).rejects.toThrow();
  });

  it("signs with both secrets for a day after a rotation", async () => {
    const s = await scenario(["message_created"]);
    const rotated = await rotateWebhookSecret(db(), userActor(s.admin.id), s.account.id, s.hook.id);
    expect(rotated.secret).not.toBe(s.hook.secret);
    const conversation = await f.createConversation(db(), s.account.id, s.inbox.id, { contactId: s.contact.id });
    await createMessage(db(), userActor(s.admin.id), s.account.id, conversation.displayId, { content: "After rotation" });
    await s.receiver.waitFor((r) => r.accepted.length >= 1);
    const [d] = s.receiver.accepted;
    expect(String(d.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    const { verifyChatwoot, verifyStandard } = await import("@/tests/support/webhook-receiver");
    for (const secret of [s.hook.secret, rotated.secret]) {
      expect(verifyChatwoot(secret, d.headers, d.body)).toBe(true);
      expect(verifyStandard(secret, d.headers, d.body)).toBe(true);
    }
  });
});

describe("delivery log retention", () => {
  it("prunes finished deliveries after 30 days, keeps newer and unfinished ones", async () => {
    const w = await f.createWorkspace(db());
    const row = (status: "succeeded" | "failed" | "pending", daysAgo: number) => ({
      deliveryId: `msg_${status}_${daysAgo}_${w.account.id}`,
      accountId: w.account.id,
      targetType: "webhook" as const,
      targetId: 1,
      sourceEventId: `src_${status}_${daysAgo}_${w.account.id}`,
      event: "message_created",
      body: "{}",
      status,
      updatedAt: new Date(Date.now() - daysAgo * 86_400_000),
    });
    await db().insert(integrationDeliveries).values([row("succeeded", 31), row("failed", 40), row("succeeded", 2), row("pending", 45)]);
    expect(await pruneOldIntegrationDeliveries(db())).toBe(2);
    const left = await db().select().from(integrationDeliveries).where(eq(integrationDeliveries.accountId, w.account.id));
    expect(left.map((r) => r.status).sort()).toEqual(["pending", "succeeded"]);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
