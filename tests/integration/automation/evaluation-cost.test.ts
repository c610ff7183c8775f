import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { automationEvents } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createRule } from "@/lib/automation/rules";
import { dryRunRule } from "@/lib/automation/run-log";
import { createConversation } from "@/lib/conversations/create-conversation";
import { changeConversationLabels } from "@/lib/labels/conversation-labels";
import { useTestDatabase } from "@/tests/support/db";
import { workspaceWithLabelRule } from "./label-rule";

const db = useTestDatabase();

describe("automation evaluation cost", () => {
  it("an event no active rule listens to is kept for dry runs but recorded as evaluated: the job never claims it", async () => {
    const { w, admin, contact } = await workspaceWithLabelRule(db(), { name: "Refunds", word: "refund", label: "vip" });
    const conversation = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "hello", messageType: "incoming" } });
    await changeConversationLabels(db(), admin, w.account.id, conversation.displayId, { add: ["vip"] });

    const recorded = async () =>
      db()
        .select({ eventName: automationEvents.eventName, pending: automationEvents.processedAt })
        .from(automationEvents)
        .where(and(eq(automationEvents.accountId, w.account.id), eq(automationEvents.conversationId, conversation.id)))
        .orderBy(asc(automationEvents.id));
    // The rule hears message_created; conversation_created and the label change are stored evaluated.
    expect((await recorded()).map((e) => [e.eventName, e.pending === null ? "pending" : "evaluated"])).toEqual([
      ["conversation_created", "evaluated"],
      ["message_created", "pending"],
      ["conversation_updated", "evaluated"],
    ]);
    expect(await processPendingAutomationEvents(db(), w.account.id)).toEqual({ events: 1, fired: 0 });

    // A rule written later still has those events to try its conditions on.
    const later = await createRule(db(), admin, w.account.id, {
      name: "VIP changes",
      event_name: "conversation_updated",
      conditions: [{ attribute_key: "labels", filter_operator: "equal_to", values: ["vip"], query_operator: null }],
      actions: [{ action_name: "add_label", action_params: ["vip"] }],
    });
    const dry = await dryRunRule(db(), admin, w.account.id, later.id);
    expect(dry.map((r) => [r.displayId, r.wouldFire, r.explanation])).toEqual([[conversation.displayId, true, "labels is vip"]]);
  });
});
