import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { setInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { createAgentBot } from "@/lib/agent-bots/manage-bots";
import { userActor } from "@/lib/auth/actor";
import { toggleStatus } from "@/lib/conversations/toggle-status";
import { ingestRawEmails } from "@/lib/email/ingest/ingest-batch";
import { setEnvVar } from "@/lib/env";
import { setDeliveryTiming } from "@/lib/integrations/delivery/timing";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { useJobRunner } from "@/tests/support/job-runner";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";

/**
 * A customer's email that reopens a resolved conversation, through the IMAP poll's batch import:
 * webhook receivers hear the status change as they do for any other reopen, and an inbox a bot
 * answers reopens it for the bot (pending), as Chatwoot does.
 */
const db = useTestDatabase();
useJobRunner(db);
const receivers: WebhookReceiver[] = [];

beforeAll(() => {
  setEnvVar("ENCRYPTION_KEY", "email-reopen-events-test-key");
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
  setDeliveryTiming({ retryDelaysMs: [100, 200], timeoutMs: 400 });
});
afterAll(() => {
  setDeliveryTiming();
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "");
});
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

async function scenario() {
  const w = await f.createWorkspace(db());
  const { inbox } = await createEmailInboxRow(db(), w.account.id);
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const hook = await createWebhook(db(), userActor(w.admin.id), w.account.id, { url: receiver.url, subscriptions: ["conversation_status_changed", "conversation_updated"] });
  receiver.setSecrets([hook.secret]);
  const ingest = (raw: Buffer, ref: string) => ingestRawEmails(db(), { accountId: w.account.id, inboxId: inbox.id, source: "imap", archive: false, items: [{ sourceRef: ref, raw }] });
  const [first] = await ingest(rawMail({ from: "Dana <dana@example.org>", subject: "Login fails", messageId: "reopen-1@example.org" }), "1:1");
  const displayId = first.conversationDisplayId ?? 0;
  await toggleStatus(db(), userActor(w.admin.id), w.account.id, displayId, { status: "resolved" });
  // The resolve's own two events, then a clean slate.
  await receiver.waitFor((r) => r.accepted.length === 2);
  await new Promise((r) => setTimeout(r, 200));
  receiver.accepted.length = 0;
  const reply = () =>
    ingest(rawMail({ from: "Dana <dana@example.org>", subject: "Re: Login fails", messageId: "reopen-2@example.org", inReplyTo: "<reopen-1@example.org>" }), "1:2");
  const statusOf = async () =>
    (await db().select({ status: conversations.status }).from(conversations).where(and(eq(conversations.accountId, w.account.id), eq(conversations.displayId, displayId))))[0]?.status;
  return { ...w, inbox, receiver, displayId, reply, statusOf };
}

describe("an email reopening a resolved conversation", () => {
  it("sends conversation_status_changed and conversation_updated with the status it left", async () => {
    const s = await scenario();
    const [imported] = await s.reply();
    expect(imported.conversationDisplayId).toBe(s.displayId);
    expect(await s.statusOf()).toBe("open");
    await s.receiver.waitFor((r) => r.accepted.length >= 2);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    expect(s.receiver.accepted.map((d) => d.payload.event)).toEqual(["conversation_status_changed", "conversation_updated"]);
    for (const d of s.receiver.accepted) {
      expect(d.payload.id).toBe(s.displayId);
      expect(d.payload.status).toBe("open");
      expect(d.payload.changed_attributes).toEqual([{ status: { previous_value: "resolved", current_value: "open" } }]);
    }
  });

  it("reopens it pending, for the bot, in an inbox a bot answers", async () => {
    const s = await scenario();
    const bot = await createAgentBot(db(), userActor(s.admin.id), s.account.id, { name: "Triage", outgoing_url: s.receiver.url });
    await setInboxAgentBot(db(), userActor(s.admin.id), s.account.id, s.inbox.id, bot.id);
    await s.reply();
    expect(await s.statusOf()).toBe("pending");
    await s.receiver.waitFor((r) => r.accepted.some((d) => d.payload.event === "conversation_status_changed" && d.headers["x-chatwoot-signature"] !== undefined));
    const changed = s.receiver.accepted.find((d) => d.payload.event === "conversation_status_changed");
    expect(changed?.payload.changed_attributes).toEqual([{ status: { previous_value: "resolved", current_value: "pending" } }]);
  });
});
