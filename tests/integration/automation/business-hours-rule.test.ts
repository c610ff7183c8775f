import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as dryRunRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/[id]/dry_run/route";
import * as rulesRoute from "@/app/api/v1/accounts/[account_id]/automation_rules/route";
import { automationEvents } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { updateInboxBusinessHours } from "@/lib/business-hours/settings";
import { createConversation } from "@/lib/conversations/create-conversation";
import { getConversationLabels } from "@/lib/labels/conversation-labels";
import { createLabel } from "@/lib/labels/labels";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { call } from "../api/call";

const db = useTestDatabase();

const weekdays = [[], ...Array.from({ length: 5 }, () => [{ open: 9 * 60, close: 17 * 60 }]), []];

describe("automation: the business hours condition", () => {
  it("fires outside the inbox's hours as they were when the message came, and says why not inside them", async () => {
    const w = await f.createWorkspace(db());
    await createLabel(db(), userActor(w.admin.id), w.account.id, { title: "after-hours" });
    await updateInboxBusinessHours(db(), userActor(w.admin.id), w.account.id, w.inbox.id, { workingHoursEnabled: true, schedule: { timeZone: "Europe/Berlin", days: weekdays } });
    const params = { account_id: w.account.id };
    const created = await call(rulesRoute.POST, {
      token: w.admin.apiAccessToken,
      params,
      body: {
        name: "After hours",
        event_name: "message_created",
        conditions: [{ attribute_key: "business_hours", filter_operator: "equal_to", values: ["outside"] }],
        actions: [{ action_name: "add_label", action_params: ["after-hours"] }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const contact = await f.createContact(db(), w.account.id, { email: "jane@customer.example" });
    const conversation = () => createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "hi", messageType: "incoming" } });
    const saturday = await conversation();
    const monday = await conversation();
    // When each message came: Saturday noon and Monday 10:00 in Berlin.
    const at = async (conversationId: number, when: string) =>
      db().update(automationEvents).set({ createdAt: new Date(when) }).where(and(eq(automationEvents.accountId, w.account.id), eq(automationEvents.conversationId, conversationId)));
    await at(saturday.id, "2026-12-05T11:00:00Z");
    await at(monday.id, "2026-12-07T09:00:00Z");
    await processPendingAutomationEvents(db(), w.account.id);

    const labels = (displayId: number) => getConversationLabels(db(), userActor(w.admin.id), w.account.id, displayId);
    expect(await labels(saturday.displayId)).toEqual(["after-hours"]);
    expect(await labels(monday.displayId)).toEqual([]);
    const dry = await call(dryRunRoute.POST, { token: w.admin.apiAccessToken, params: { ...params, id: created.body.id }, body: {} });
    expect(dry.body.payload.map((d: { conversation_id: number; would_fire: boolean; explanation: string }) => [d.conversation_id, d.would_fire, d.explanation])).toEqual([
      [monday.displayId, false, "business hours is not outside (it is inside)"],
      [saturday.displayId, true, "business hours is outside"],
    ]);
  });
});
