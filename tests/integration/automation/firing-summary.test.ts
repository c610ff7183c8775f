import { and, asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { automationEvents, messages } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { fireRule } from "@/lib/automation/fire";
import { createRule } from "@/lib/automation/rules";
import { createConversation } from "@/lib/conversations/create-conversation";
import { runnableFunctions } from "@/inngest/runner/functions";
import { createRunner } from "@/inngest/runner/runner";
import { setEnvVar } from "@/lib/env";
import { createWebhook } from "@/lib/integrations/webhooks/manage";
import { changeConversationLabels, getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import { inboxChannel } from "@/lib/realtime/channels";
import type { ConversationPayload } from "@/lib/realtime/payloads";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { connectAs, TEST_PUSHER_APP, useRealtimeServer, type TestClient } from "@/tests/support/realtime";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * A rule's label change reads the conversation's summary only for what uses it: the live event
 * when live refresh is on. Without live refresh the firing is four statements, and what people
 * and other rules see is the same: the labels, the activity line, `label_list` before and after.
 */
const db = useTestDatabase();
const realtime = useRealtimeServer();
const record = useWireRecording();
const clients: TestClient[] = [];
let receiver: WebhookReceiver | undefined;
afterAll(async () => {
  clients.forEach((c) => c.disconnect());
  await receiver?.close();
});

const isSummaryRead = (s: RecordedStatement) => /select c\.id, c\.account_id, c\.display_id, c\.uuid/.test(s.text);
const isCacheRefresh = (s: RecordedStatement) => /select distinct "event_name" from "automation_rules"/.test(s.text);

async function setup(action: "add_label" | "remove_label") {
  const w = await f.createWorkspace(db());
  const admin = userActor(w.admin.id);
  for (const title of ["billing", "vip"]) await createLabel(db(), admin, w.account.id, { title });
  const contact = await f.createContact(db(), w.account.id, { email: `jane-${action}@customer.example`, name: "Jane" });
  await createRule(db(), admin, w.account.id, {
    name: "Refunds",
    event_name: "message_created",
    conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["refund"], query_operator: null }],
    actions: [{ action_name: action, action_params: ["vip"] }],
  });
  const created = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "a refund", messageType: "incoming" } });
  await changeConversationLabels(db(), admin, w.account.id, created.displayId, { set: ["billing", "vip"] });
  return { ...w, adminActor: admin, created };
}

/** Evaluates the account's events; the statements of its firings. */
async function fireAll(accountId: number): Promise<RecordedStatement[]> {
  const statements: RecordedStatement[] = [];
  await processPendingAutomationEvents(db(), accountId, {
    fire: async (...args) => {
      let fired = false;
      statements.push(...(await record(async () => void (fired = await fireRule(...args)), { appOnly: true })));
      return fired;
    },
  });
  return statements.filter((s) => !isCacheRefresh(s));
}

describe("a rule's label change and the conversation's summary", () => {
  it("without live refresh: not read, four statements, the same result for people and rules", async () => {
    setEnvVar("PUSHER_APP_ID", "");
    try {
      const w = await setup("remove_label");
      const statements = await fireAll(w.account.id);
      expect(statements.filter(isSummaryRead)).toEqual([]);
      expect(statements.length, statements.map((s) => s.text).join("\n---\n")).toBeLessThanOrEqual(4);

      expect(await getConversationLabels(db(), w.adminActor, w.account.id, w.created.displayId)).toEqual(["billing"]);
      const activity = await db().select({ content: messages.content }).from(messages).where(and(eq(messages.conversationId, w.created.id), eq(messages.messageType, "activity")));
      expect(activity.map((m) => m.content)).toContain("Automation removed vip");
      const events = await db().select().from(automationEvents).where(eq(automationEvents.conversationId, w.created.id)).orderBy(asc(automationEvents.id));
      expect(events.at(-1)).toMatchObject({ eventName: "conversation_updated", depth: 1, changedAttributes: { label_list: [["billing", "vip"], ["billing"]] } });
    } finally {
      setEnvVar("PUSHER_APP_ID", TEST_PUSHER_APP.appId);
    }
  });

  it("without live refresh, for a webhook: read in the transaction, and the receiver gets the conversation as the change left it", async () => {
    setEnvVar("PUSHER_APP_ID", "");
    setEnvVar("ENCRYPTION_KEY", "firing-summary-test-key-0123456789");
    setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
    try {
      const w = await setup("add_label");
      await changeConversationLabels(db(), w.adminActor, w.account.id, w.created.displayId, { set: ["billing"] });
      receiver = await startWebhookReceiver();
      const hook = await createWebhook(db(), w.adminActor, w.account.id, { url: receiver.url, subscriptions: ["conversation_updated"] });
      receiver.setSecrets([hook.secret]);
      const statements = await fireAll(w.account.id);
      expect(statements.filter(isSummaryRead)).toHaveLength(1);
      // The queued jobs (the webhook's deliveries; nothing left to evaluate) run now.
      await createRunner({ db: db(), functions: runnableFunctions(), crons: false, backoffMs: () => 0 }).drain();
      const delivered = receiver.accepted.find((d) => d.payload.event === "conversation_updated" && (d.payload.labels as string[]).includes("vip"));
      expect(delivered?.payload).toMatchObject({ id: w.created.displayId, labels: ["billing", "vip"], changed_attributes: [{ label_list: { previous_value: ["billing"], current_value: ["billing", "vip"] } }] });
    } finally {
      setEnvVar("PUSHER_APP_ID", TEST_PUSHER_APP.appId);
      setEnvVar("INTEGRATIONS_ALLOW_HTTP", "");
    }
  });

  it("with live refresh: read with the write, and the inbox's screens get the row with the new label", async () => {
    const w = await setup("add_label");
    await changeConversationLabels(db(), w.adminActor, w.account.id, w.created.displayId, { set: ["billing"] });
    const client = await connectAs(realtime().port, db, w.admin.id);
    clients.push(client);
    await client.subscribe(inboxChannel(w.account.id, w.inbox.id));

    const statements = await fireAll(w.account.id);
    expect(statements.filter(isSummaryRead)).toHaveLength(1);
    const event = await client.waitFor((e) => e.name === "conversation.updated" && (e.data as ConversationPayload).conversation.labels.includes("vip"));
    expect((event.data as ConversationPayload).conversation).toMatchObject({ id: w.created.id, labels: ["billing", "vip"] });
    const events = await db().select().from(automationEvents).where(eq(automationEvents.conversationId, w.created.id)).orderBy(asc(automationEvents.id));
    expect(events.at(-1)).toMatchObject({ eventName: "conversation_updated", changedAttributes: { label_list: [["billing"], ["billing", "vip"]] } });
  });
});
