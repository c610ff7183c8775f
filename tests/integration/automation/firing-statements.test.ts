import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { automationEvents, automationRuleRuns, messages } from "@/db/schema";
import { systemActor, userActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { fireRule } from "@/lib/automation/fire";
import { createRule } from "@/lib/automation/rules";
import { createConversation } from "@/lib/conversations/create-conversation";
import { getConversationLabels } from "@/lib/labels/conversation-labels";
import type { RecordedStatement } from "@/scripts/benchmarks/pg-wire-recorder";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { workspaceWithLabelRule } from "./label-rule";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * What one add_label firing (most rules' action) costs on the wire, after-commit effects included:
 * no account lookup (the rule was read from the account), the action and its run row in one
 * transaction, the label rows and updated_at in one statement, the summary read once, and the
 * activity line, the event recorded for rules and the run row sent together with the commit.
 */
const db = useTestDatabase();
const record = useWireRecording();

// "Which events do the account's rules listen to?" is kept 2 s per process; a slow test may see it asked again.
const cacheRefresh = (s: RecordedStatement) => /select distinct "event_name" from "automation_rules"/.test(s.text);

describe("a rule's add_label firing", () => {
  it("is at most five statements, and the person sees the same result", async () => {
    const { w, admin, contact, rule } = await workspaceWithLabelRule(db(), { name: "Refunds", word: "refund", label: "vip" });
    const created = await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "a refund", messageType: "incoming" } });
    let statements: RecordedStatement[] = [];
    await processPendingAutomationEvents(db(), w.account.id, {
      fire: async (...args) => {
        let fired = false;
        statements = await record(async () => {
          fired = await fireRule(...args);
        }, { appOnly: true });
        return fired;
      },
    });

    const texts = statements.filter((s) => !cacheRefresh(s)).map((s) => s.text.trim());
    expect(texts.filter((t) => /from "accounts"/.test(t))).toEqual([]);
    expect(texts.length, texts.join("\n---\n")).toBeLessThanOrEqual(5);
    // The run row is written inside the firing's transaction, before its commit.
    const runWrite = texts.findIndex((t) => /insert into "automation_rule_runs"/.test(t));
    expect(runWrite).toBeGreaterThan(0);
    expect(runWrite).toBeLessThan(texts.indexOf("commit"));

    // What a person sees: the label, the activity line, the run log; other rules hear the change one level deeper.
    expect(await getConversationLabels(db(), admin, w.account.id, created.displayId)).toEqual(["vip"]);
    const activity = await db().select({ content: messages.content }).from(messages).where(and(eq(messages.conversationId, created.id), eq(messages.messageType, "activity")));
    expect(activity.map((m) => m.content)).toContain("Automation added vip");
    const [run] = await db().select().from(automationRuleRuns).where(eq(automationRuleRuns.ruleId, rule.id));
    expect(run).toMatchObject({ outcome: "fired", actions: [{ action: "add_label", status: "done" }] });
    const events = await db().select().from(automationEvents).where(eq(automationEvents.conversationId, created.id)).orderBy(asc(automationEvents.id));
    expect(events.at(-1)).toMatchObject({ eventName: "conversation_updated", depth: 1, causedByRuleIds: [rule.id], changedAttributes: { label_list: [[], ["vip"]] } });
  });

  it("records a refused action on the run and leaves nothing half done", async () => {
    const w = await f.createWorkspace(db());
    const admin = userActor(w.admin.id);
    const contact = await f.createContact(db(), w.account.id, { email: "joe@customer.example", name: "Joe" });
    const rule = await createRule(db(), admin, w.account.id, {
      name: "Bad status",
      event_name: "message_created",
      conditions: [{ attribute_key: "content", filter_operator: "contains", values: ["hello"], query_operator: null }],
      actions: [{ action_name: "assign_team", action_params: [999999] }],
    });
    await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "hello", messageType: "incoming" } });
    await processPendingAutomationEvents(db(), w.account.id);
    const [run] = await db().select().from(automationRuleRuns).where(eq(automationRuleRuns.ruleId, rule.id));
    expect(run).toMatchObject({ outcome: "failed", actions: [{ action: "assign_team", status: "failed" }] });
  });
});
