import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { automationEvents, automationRuleRuns } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { processPendingAutomationEvents } from "@/lib/automation/evaluate";
import { createConversation } from "@/lib/conversations/create-conversation";
import { useTestDatabase } from "@/tests/support/db";
import { workspaceWithLabelRule } from "./label-rule";
import { useWireRecording } from "@/tests/support/wire-recording";

/**
 * A firing writes its run row once, with the actions' results (not a row first and its results
 * after), and a retried evaluation still does not act again.
 */
const db = useTestDatabase();
const record = useWireRecording();

describe("a rule's firing", () => {
  it("writes its run row and result in one statement, and a retried evaluation skips it", async () => {
    const { w, contact, rule } = await workspaceWithLabelRule(db(), { name: "Refunds", word: "refund", label: "vip" });
    await createConversation(db(), systemActor("test"), w.account.id, { inboxId: w.inbox.id, contactId: contact.id, message: { content: "a refund", messageType: "incoming" } });

    const statements = await record(() => processPendingAutomationEvents(db(), w.account.id), { appOnly: true });
    const runWrites = statements.filter((s) => /(insert into|update) "automation_rule_runs"/.test(s.text));
    expect(runWrites).toHaveLength(1);
    const [run] = await db().select().from(automationRuleRuns).where(eq(automationRuleRuns.ruleId, rule.id));
    expect(run).toMatchObject({ outcome: "fired", actions: [{ action: "add_label", status: "done" }] });

    // A retry after a crash: the event is pending again; the rule does not fire again.
    await db().update(automationEvents).set({ processedAt: null }).where(eq(automationEvents.accountId, w.account.id));
    expect(await processPendingAutomationEvents(db(), w.account.id)).toMatchObject({ fired: 0 });
    expect(await db().$count(automationRuleRuns, eq(automationRuleRuns.ruleId, rule.id))).toBe(1);
  });
});
