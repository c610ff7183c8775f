import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import * as runsRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/runs/route";
import * as macrosRoute from "@/app/api/v1/accounts/[account_id]/macros/route";
import { accountUsers, conversations } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createConversation } from "@/lib/conversations/create-conversation";
import { setEnvVar } from "@/lib/env";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { call } from "../api/call";

const db = useTestDatabase();
let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "true");
});
afterAll(async () => {
  setEnvVar("INTEGRATIONS_ALLOW_HTTP", "");
  await receiver.close();
});

describe("rule-only actions", () => {
  it("assign via round-robin picks an online member; send_webhook_event posts the conversation with automation_event.<event>", async () => {
    const w = await f.createWorkspace(db());
    await db().update(accountUsers).set({ lastSeenAt: sql`now()` }).where(and(eq(accountUsers.accountId, w.account.id), eq(accountUsers.userId, w.agent.id)));
    const params = { account_id: w.account.id };
    const created = await call(rulesRoute.POST, {
      token: w.admin.apiAccessToken,
      params,
      body: { name: "Route", event_name: "conversation_created", conditions: [], actions: [{ action_name: "assign_round_robin", action_params: [] }, { action_name: "send_webhook_event", action_params: [receiver.url] }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const contact = await f.createContact(db(), w.account.id);
    const c = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "hi", messageType: "incoming" } });
    await processPendingAutomationEvents(db(), w.account.id);
    const [row] = await db().select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, c.id));
    expect(row.assigneeId).toBe(w.agent.id);
    await receiver.waitFor((r) => r.accepted.length > 0);
    const body = JSON.parse(receiver.accepted[0].body) as Record<string, unknown>;
    expect(body).toMatchObject({ event: "automation_event.conversation_created", id: c.displayId });
    const runs = (await call(runsRoute.GET, { token: w.admin.apiAccessToken, params: { ...params, id: created.body.id } })).body.payload;
    expect(runs[0].summary).toMatch(/actions done: assign_round_robin, send_webhook_event$/);
    // Macros act as an agent: rule-only actions are refused there.
    const macro = await call(macrosRoute.POST, { token: w.admin.apiAccessToken, params, body: { name: "x", actions: [{ action_name: "send_webhook_event", action_params: [receiver.url] }] } });
    expect(macro.status).toBe(422);
  });
});
